"""Write corpus/articles.jsonl: the corpus of notebooks/02_corpus.ipynb.

Sixteen short news items, written for graphbuild (no text is taken from anywhere), about
half a year of diplomacy between Portugal and Uruguay, with Chile mediating and a side story
between Finland and Estonia. People's names are invented. Run it after editing the texts:

    python notebooks/make_corpus.py
"""

from __future__ import annotations

import json
from pathlib import Path

ARTICLES = [
    ("pt-uy-01", "2025-01-08", "Lisbon and Montevideo open talks on a trade accord", "lisbon-wire",
     "Portuguese Foreign Minister Helena Marques met Uruguayan Foreign Minister Tomás Ibarra in "
     "Lisbon on Wednesday.\n"
     "The two ministers agreed to negotiate a trade accord before the summer.\n"
     "Marques praised Uruguay for its openness to European investment."),
    ("pt-uy-02", "2025-01-08", "Uruguay and Portugal set out to write a trade deal", "plata-daily",
     "Uruguay and Portugal held talks in Lisbon on Wednesday about tariffs and shipping.\n"
     "Ibarra said the meeting was warm and useful."),
    ("pt-uy-03", "2025-02-04", "Port contract row strains Uruguay's ties with Portugal", "plata-daily",
     "Uruguay accused Portugal of breaking a shipping contract at the port of Montevideo.\n"
     "Uruguayan Foreign Minister Tomás Ibarra demanded that Portugal pay for the losses.\n"
     "Portugal rejected the accusation on Tuesday."),
    ("pt-uy-04", "2025-02-12", "Chile offers to help settle the port dispute", "andes-post",
     "Chilean Foreign Minister Rosa Valdivia held talks with Uruguayan Foreign Minister Tomás "
     "Ibarra in Santiago on Wednesday.\n"
     "Chile offered to mediate between Uruguay and Portugal."),
    ("pt-uy-05", "2025-03-03", "Montevideo warns it may walk away from the trade talks", "plata-daily",
     "Uruguay threatened to suspend the trade negotiations with Portugal.\n"
     "Portugal urged Uruguay to return to the negotiating table.\n"
     "Portuguese Foreign Minister Helena Marques accused Uruguay of bad faith."),
    ("pt-uy-06", "2025-03-18", "Uruguay recalls its ambassador from Lisbon", "lisbon-wire",
     "Uruguay recalled its ambassador from Portugal on Tuesday.\n"
     "Portugal condemned the decision."),
    ("pt-uy-07", "2025-03-18", "Envoy called home as the port dispute deepens", "atlantic-review",
     "Uruguay recalled its ambassador from Portugal on Tuesday over the port contract.\n"
     "Portugal did not expel the Uruguayan ambassador in Lisbon."),
    ("fi-ee-01", "2025-04-07", "Finland and Estonia sign a power cable deal", "baltic-bulletin",
     "Finland and Estonia signed an agreement on a second power cable under the Gulf of Finland "
     "on Monday.\n"
     "Estonian Prime Minister Kadri Lepp praised Finland for its support."),
    ("pt-uy-08", "2025-04-15", "Talks resume in Santiago", "andes-post",
     "Portuguese Foreign Minister Helena Marques held talks with Uruguayan Foreign Minister "
     "Tomás Ibarra in Santiago on Tuesday.\n"
     "Chile hosted the talks between Portugal and Uruguay.\n"
     "Portugal and Uruguay agreed to settle the port dispute by arbitration."),
    ("pt-uy-09", "2025-04-16", "Portugal and Uruguay back arbitration", "lisbon-wire",
     "Portugal and Uruguay agreed on Tuesday to settle the port dispute by arbitration.\n"
     "Uruguay thanked Chile for its mediation."),
    ("pt-uy-10", "2025-05-06", "Portugal and Uruguay sign their trade accord", "lisbon-wire",
     "Portugal and Uruguay signed the trade accord in Montevideo on Tuesday.\n"
     "Uruguay is expected to lift its sanctions on Portuguese shipping next week."),
    ("pt-uy-11", "2025-05-06", "Trade accord signed in Montevideo", "plata-daily",
     "Portugal and Uruguay signed a trade accord on Tuesday.\n"
     "Uruguayan Foreign Minister Tomás Ibarra praised Portugal for its patience."),
    ("pt-uy-12", "2025-05-20", "Portugal sends flood relief to Uruguay", "atlantic-review",
     "Portugal sent emergency aid to Uruguay after floods in the north of the country.\n"
     "Chile also sent aid to Uruguay."),
    ("fi-ee-02", "2025-06-03", "Estonian and Finnish navies train together", "baltic-bulletin",
     "Estonia and Finland held joint naval exercises in the Gulf of Finland.\n"
     "Finnish Defence Minister Antti Salo visited Tallinn on Tuesday."),
    ("pt-uy-13", "2025-06-10", "Uruguay's president to visit Lisbon", "plata-daily",
     "Uruguayan President Marta Solari will visit Portugal in July.\n"
     "Solari is expected to meet the Portuguese prime minister."),
    ("cl-uy-01", "2025-06-24", "Chile and Uruguay agree on customs", "andes-post",
     "Chile and Uruguay signed a customs agreement on Monday.\n"
     "Chilean Foreign Minister Rosa Valdivia met Uruguayan Foreign Minister Tomás Ibarra in "
     "Montevideo."),
]


def main() -> None:
    out = Path(__file__).resolve().parent / "corpus" / "articles.jsonl"
    with open(out, "w", encoding="utf-8") as fh:
        for id_, date, title, outlet, text in ARTICLES:
            record = {"id": id_, "date": date, "title": title, "text": text,
                      "url": f"https://{outlet}.example.org/{date[:7]}/{id_}"}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{out}: {len(ARTICLES)} articles")


if __name__ == "__main__":
    main()
