-- Typst only, for both renderers (Quarto and the offline pandoc path run this filter).
--
-- 1. A chapter that follows a short chapter runs on below it instead of starting a new page. A perceel
--    report has chapters of one paragraph (a pointer to the programme report, or 'too few respondents');
--    each on a page of its own left the page nearly empty. Before every chapter heading the filter sets
--    the Typst state 'chapter-runs-on', which the heading rule of typst-template.typ reads. Short: no
--    table, figure, image or section heading, and at most SHORT_CHARACTERS characters of text.
-- 2. An unnumbered heading becomes a top-level #heading(numbering: none)[…] <id>. Quarto 1.7 wraps
--    unnumbered headings in #block[…] for Typst, where the template's pagebreak is not allowed and the
--    label is lost; written this way, both renderers give the same heading.
if not FORMAT:match("typst") then
  return {}
end

local SHORT_CHARACTERS = 900

local function is_short(blocks)
  local characters, rich = 0, false
  pandoc.Blocks(blocks):walk({
    Table = function() rich = true end,
    Figure = function() rich = true end,
    Image = function() rich = true end,
    Header = function() rich = true end,
  })
  if rich then
    return false
  end
  for _, block in ipairs(blocks) do
    if block.t ~= "RawBlock" then
      characters = characters + #pandoc.utils.stringify(block)
    end
  end
  return characters <= SHORT_CHARACTERS
end

local function run_on_state(value)
  return pandoc.RawBlock("typst", string.format('#state("chapter-runs-on").update(%s)', tostring(value)))
end

local function mark_short_chapters(doc)
  local result, section, previous_short = {}, nil, false
  local function close_section()
    if section then
      previous_short = is_short(section)
      for _, block in ipairs(section) do
        table.insert(result, block)
      end
    end
  end
  for _, block in ipairs(doc.blocks) do
    if block.t == "Header" and block.level == 1 then
      close_section()
      table.insert(result, run_on_state(previous_short))
      table.insert(result, block)
      section = {}
    elseif section then
      table.insert(section, block)
    else
      table.insert(result, block)
    end
  end
  close_section()
  doc.blocks = result
  return doc
end

local function unnumbered_heading(el)
  if not el.classes:includes("unnumbered") then
    return nil
  end
  local title = pandoc.write(pandoc.Pandoc({ pandoc.Plain(el.content) }), "typst"):gsub("%s+$", "")
  local label = el.identifier ~= "" and (" <" .. el.identifier .. ">") or ""
  return pandoc.RawBlock("typst", string.format("#heading(level: %d, numbering: none)[%s]%s", el.level, title, label))
end

return {
  { Pandoc = mark_short_chapters },
  { Header = unnumbered_heading },
}
