-- Typst only: an unnumbered heading becomes a top-level #heading(numbering: none)[…] <id>.
-- Quarto 1.7 wraps unnumbered headings in #block[…] for Typst, where the template's pagebreak is not
-- allowed and the label is lost; written this way, both renderers give the same heading.
if not FORMAT:match("typst") then
  return {}
end

function Header(el)
  if not el.classes:includes("unnumbered") then
    return nil
  end
  local title = pandoc.write(pandoc.Pandoc({ pandoc.Plain(el.content) }), "typst"):gsub("%s+$", "")
  local label = el.identifier ~= "" and (" <" .. el.identifier .. ">") or ""
  return pandoc.RawBlock("typst", string.format("#heading(level: %d, numbering: none)[%s]%s", el.level, title, label))
end
