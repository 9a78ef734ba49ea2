"""``make demo-data``: every synthetic demo input, each step's generator in turn (seeded, byte-identical).

A command of its own, because it calls the demo generator of every step and no step may import another.
"""

from __future__ import annotations

from competentiecheck.documents.demo import generate_documents
from competentiecheck.interviews.demo import generate_interviews
from competentiecheck.literature.demo import LITERATURE, generate_literature
from competentiecheck.literature.review import read_records
from competentiecheck.partnerships.demo_partnerships import generate_partnerships
from competentiecheck.survey import demo_data

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    status = demo_data.main(argv)
    real = read_records(LITERATURE)
    generate_literature(LITERATURE, included=sorted(r for r in real["record_id"] if not r.startswith("SYN-")))
    interviews = generate_interviews()
    print(f"demo-interviews: {interviews['interviews']} interviews, {interviews['codings']} coderingen")
    plans = generate_documents()
    print(f"demo-plannen van aanpak: {plans['plans']} plannen, {plans['codings']} coderingen")
    partners = generate_partnerships()
    print(
        f"demo-partnerschappen: {partners['circles']} netwerkcirkels ({partners['ties']} banden), "
        f"{partners['interviews']} gesprekken, {partners['codings']} coderingen"
    )
    return status


if __name__ == "__main__":
    raise SystemExit(main())
