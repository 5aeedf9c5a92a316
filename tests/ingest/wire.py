"""A wire story, its republication under a new headline with the last paragraph cut, and
an unrelated story on the same subject: the shared material of the duplicate tests."""

from __future__ import annotations

PARAGRAPHS = [
    "COPENHAGEN, July 4 (Wire) - Denmark will pay Ukrainian manufacturers 500 million "
    "Danish crowns for long-range drones under the so-called Danish model, the Danish "
    "defence ministry said on Friday.",
    "The money comes from the proceeds of immobilised Russian assets that the European "
    "Union channels to Ukraine's defence industry, and it will be paid directly to the "
    "producers once Danish experts have vetted their contracts.",
    "Defence minister Troels Lund Poulsen said the agreement was a model for other "
    "partners and that Sweden, Norway and Iceland had already joined the scheme this year.",
    "Ukraine lists the priority projects itself and the funder's experts check the "
    "manufacturer's capacity, prices and delivery schedule before any contract is signed.",
    "Kyiv has said it aims to raise more than one billion dollars a year through such "
    "direct financing of its own arms makers, whose capacity far exceeds its budget.",
    "Denmark was the first country to finance Ukrainian production this way in 2024, "
    "starting with a pilot worth about 100 million euros that bought howitzers made in "
    "Ukraine, and it has since widened the scheme to drones, shells and air defence.",
    "Officials in Kyiv said the Danish money had paid for weapons that reached the front "
    "within months, far faster than deliveries from stocks abroad, and at lower prices.",
    "Other partners including Canada and Lithuania are preparing similar payments, and "
    "the European Commission has said part of its next tranche will follow the model.",
    "The ministry did not say how many drones the sum would buy or when the first would "
    "be delivered to the armed forces, citing security reasons.",
]
ORIGINAL = "Denmark to fund Ukrainian drones\n\n" + "\n\n".join(PARAGRAPHS)
REPUBLISHED = "Danes pay Kyiv's drone makers directly\n\n" + "\n\n".join(PARAGRAPHS[:-1])
UNRELATED = (
    "Lithuania signs ammunition deal with Ukraine\n\n"
    "VILNIUS, March 3 (Wire) - Lithuania and Ukraine signed an agreement on Monday to "
    "produce artillery shells together in a new plant near Vilnius, the Lithuanian "
    "economy ministry said, without giving the value of the investment. The plant is "
    "expected to start work next year and to employ about two hundred people, most of "
    "them engineers trained in Ukraine. Lithuania has pledged 0.25% of its GDP a year "
    "to Ukraine's defence industry and wants other Baltic states to follow."
)
UKRAINIAN = (
    "Данія профінансує виробництво українських дронів\n\n"
    "Уряд Данії виділить 500 мільйонів крон на закупівлю далекобійних дронів в українських "
    "виробників за так званою данською моделлю, повідомило міністерство оборони Данії. "
    "Гроші надійдуть від доходів із заморожених російських активів."
)
POLISH = (
    "Polska i Ukraina wyprodukują razem amunicję\n\n"
    "Polska i Ukraina podpisały w poniedziałek porozumienie o wspólnej produkcji amunicji "
    "artyleryjskiej w nowym zakładzie, poinformowało ministerstwo obrony narodowej. "
    "Wartość inwestycji nie została podana."
)
