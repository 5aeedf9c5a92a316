"""Trigger words for the fact builders, as data: status, stage, kind, mechanism, category.

Each table is an ordered list of (value, pattern); the builders say which order wins.
Patterns are case-insensitive and match whole words unless they say otherwise.
"""

from __future__ import annotations

import re


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def has_stem(low: str, stems: tuple[str, ...]) -> bool:
    """A cheap first look, in lower-case text, before a costly pattern: a sentence without
    any of the stems a pattern needs cannot match it."""
    return any(stem in low for stem in stems)


# What makes a sentence about defence or security at all (a sum elsewhere is no commitment).
DEFENCE = _rx(
    r"\b(?:weapon\w*|arms|armament\w*|military|defen[cs]e|security|drones?|UAVs?|unmanned|"
    r"ammunition|shells?|missiles?|rockets?|artillery|howitzers?|air[- ]defen[cs]e|tanks?|"
    r"armou?red|vehicles|fighter|jets?|F-16s?|cyber\w*|Danish model|munitions?|"
    r"armed forces|army|war|warfare|PURL|coalition|equipment|procure\w*|aid package|"
    r"Ukrainian companies|"
    r"Ukraine Fund|interceptors?|naval|maritime)\b"
)

# Support for Ukraine in general: defence unless a civilian purpose is named beside it.
SUPPORT_FOR_UKRAINE = _rx(r"\b(?:aid|assistance|support) (?:to|for) Ukraine\b")
# Purposes that are not defence: a sum for these is no commitment unless defence is named.
NON_DEFENCE_PURPOSE = _rx(
    r"\b(?:financial assistance|budget support|macro-?financial|humanitarian|reconstruction|"
    r"rebuild\w*|energy|recovery|civilian|pensions?|salaries|grid|infrastructure)\b"
)
# Contexts where a sum is not money given to Ukraine's defence.
NOT_COMMITMENT = _rx(
    r"\b(?:revenues?|turnover|market(?:s| size| value)?|exports?|sales|prices?|"
    r"costs? of|damages?|losses|salar(?:y|ies)|valuation|were produced|was produced|expenditure|"
    r"military spending|defen[cs]e spending|global|worldwide|member states|"
    r"European (?:defen[cs]e )?industry|EU(?:'s|’s) own|capacity|(?:could|can) (?:make|produce|"
    r"build|manufacture)|replenish\w*|restock\w*|(?:its|their) own (?:stocks|stockpiles|forces|army)|"
    r"worth of (?:orders|output)|orders? worth|stock|shares|GDP grew|economy)\b"
)
# Sums that Russia or its allies spend are never commitments.
AGGRESSOR_SPENDING = _rx(r"\b(?:Russia|Moscow|Kremlin)(?:'s|’s)?\s+(?:\w+\s+){0,3}(?:spend|budget)")

# A sum that is a goal to reach rather than one funder's money (-> target, metric funding).
FUNDING_TARGET = _rx(
    r"\b(?:raise|raising|attract|attracting|mobili[sz]e|required|requires|needs?|needed|"
    r"hopes?|hoping|bring in|brings in|"
    r"goal|target|campaign|fundraising|seeks?|seeking|to reach|"
    r"(?:create|set up|establish)\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}fund)\b"
)

# Status of a commitment: the verb nearest the sum decides (GUIDELINE.md section 1).
STATUS_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("delivered", _rx(r"\b(?:delivered|received|receiving|arrived|handed over)\b")),
    (
        "allocated",
        _rx(
            r"\b(?:allocated|allocates|invested|invests|financed|finances|transferred|"
            r"decided|earmarked|earmarks|reserving|reserved|provided|provides|contributed|"
            r"spent|paid|funded|disbursed|donated|has enabled|have enabled|enabled|"
            r"contracts? (?:were |was |have been |has been )?signed|signed contracts?|"
            r"in investment|gave|has given|have given|covered|allocation|"
            r"made available|channell?ed)\b"
        ),
    ),
    (
        "pledged",
        _rx(
            r"\b(?:pledged?|pledges|pledging|committed|commits|committing|commitment|promised?|"
            r"promises|agreed|agreeing|announced?|announces|announcing|approved?|approves|"
            r"unveiled|unveils|revealed|reveals|offered|offers|will provide|to contribute|"
            r"package)\b"
        ),
    ),
    (
        "planned",
        _rx(
            r"\b(?:will|would|plans?|planned|planning|aims?|aiming|expects?|expected|"
            r"(?:is|are) set to|intends?|intending|is to|are to|going to|proposed?|"
            r"to allocate|shall)\b"
        ),
    ),
]
# A reported announcement makes a future sum pledged ("announced that it will provide").
ANNOUNCEMENT = _rx(r"\b(?:announced|announces|unveiled|pledged|promised)\b")

# Running totals (GUIDELINE.md: cumulative).
CUMULATIVE = _rx(
    r"\b(?:so far|to date|in total|a total of|total of|altogether|overall|since (?:19|20)\d\d|"
    r"since the (?:start|beginning)|(?:has|have) (?:already |so far |now |also |thus far )?"
    r"(?!announced|said|pledged|promised|committed|revealed|unveiled|agreed|decided|approved|"
    r"become|been|called|earmarked|reserved|set aside)\w+ed\b|(?:has|have) (?:already |now |so far |also )?(?:provided|given|spent|sent|"
    r"invested|allocated|contributed|transferred|enabled|donated|financed|funded|paid))"
)
# A clause that lists the parts of a running total just stated ("This includes ...").
ANAPHORIC_PARTS = _rx(
    r"^\s*(?:(?:This|These|That|Of this|Of that|Of which|It|The (?:new |latest |aid |whole )?"
    r"(?:package|aid|support|funding|contribution|sum|amount|total))\s+(?:\w+\s+)?includ|"
    r"An? (?:extra|additional|further)\b|Another\b|Of (?:this|that|the) (?:amount|sum|total|package|money)\b|"
    r"\b(?:this way|in this way|(?:for|to|under|into|through|via) (?:this|the) (?:scheme|mechanism|"
    r"model|programme|program|initiative|format))\b|\S+ (?:\w+ )?of (?:the|this) (?:total|sum|amount|package))"
)

# Mechanism of a commitment, most specific first.
MECHANISM_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("loan", _rx(r"\b(?:loans?|lend|lends|lending|lent|credit line)\b")),
    (
        "fund",
        _rx(
            r"\b(?:International Fund for Ukraine|IFU|PURL|Prioriti[sz]ed Ukraine Requirements?"
            r"|coalition|European Peace Facility|EPF|multilateral|trust fund|"
            r"[A-Z][a-z]+-led (?:ammunition )?initiative|ammunition initiative|NATO fund|"
            r"joined the group)\b"
        ),
    ),
    (
        "coproduction",
        _rx(
            r"\b(?:joint(?:ly)? (?:development|production|produc\w+|venture\w*|manufactur\w*)|"
            r"co-?produc\w+|together with Ukraine|in (?:collaboration|cooperation|partnership) "
            r"with Ukraine|production lines?|locali[sz]\w+|Build with Ukraine|joint ventures?)\b"
        ),
    ),
    (
        "ukrainian_industry",
        _rx(
            r"(?:Danish model|Danish-model|Ukrainian (?:defen[cs]e |arms |weapons |military |drone )?"
            r"(?:industry|industrial base|manufacturers?|producers?|makers?|companies|firms|"
            r"enterprises|factories|plants|suppliers|production|weapons|arms|defence sector|"
            r"defense sector)|"
            r"Ukraine(?:'s|’s) (?:own )?(?:defen[cs]e |arms |military )?(?:industry|industrial base|"
            r"manufacturers|producers|defen[cs]e sector)|defen[cs]e industry of Ukraine|"
            r"(?:produced|made|manufactured) in Ukraine|Ukrainian-made|"
            r"production of Ukrainian|weapons production in Ukraine|drone production in Ukraine|"
            r"production (?:of (?:[\w-]+ ){1,3})?in Ukraine|to Ukrainian companies|domestic (?:defen[cs]e )?"
            r"(?:production|industry|manufactur\w+))"
        ),
    ),
    (
        "procurement",
        _rx(
            r"\b(?:purchas\w+|procur\w+|acqui\w+|buy\w*|bought|for the production of|"
            r"contracts?|deal|orders?)\b"
        ),
    ),
]
# A sum that is a whole aid package's value ("a €200 million aid package"): mechanism other.
# Military aid in general, named right at the sum: mechanism other.
GENERAL_AID = _rx(
    r"^\W*(?:in|of|for|worth of)\s+(?:\w+\s+){0,2}(?:military|defen[cs]e|security)\s+"
    r"(?:support|aid|assistance|help)|^\W*in\s+(?:various\s+)?forms of (?:military\s+)?assistance"
)
PACKAGE_BEFORE = _rx(
    r"\b(?:package|tranche)\s+(?:[\w-]+\s+){0,3}?(?:of|worth|valued at|totall?ing)\s*$"
)
PACKAGE_AFTER = _rx(
    r"^\W*(?:(?:military|defen[cs]e|aid|support|security|new|latest|additional)\s+)*package\b"
)

CATEGORY_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("drones", _rx(r"\b(?:drones?|UAVs?|unmanned|interceptors?|Shaheds?)\b")),
    ("missiles", _rx(r"\b(?:missiles?|rockets?|rocket fuel|cruise)\b")),
    (
        "artillery",
        _rx(r"\b(?:artillery(?! shells?| ammunition| rounds?)|howitzers?|Bohdana|guns)\b"),
    ),
    ("ammunition", _rx(r"\b(?:ammunition|shells?|cartridges?|munitions?|rounds)\b")),
    ("air_defense", _rx(r"\b(?:air[- ]defen[cs]e|Patriots?|IRIS-T|NASAMS|anti-aircraft)\b")),
    (
        "armored_vehicles",
        _rx(
            r"\b(?:tanks?|armou?red vehicles?|infantry fighting vehicles?|CV90s?|APCs?|Leopards?)\b"
        ),
    ),
    ("mines", _rx(r"\b(?:mines|landmines|anti-tank mines)\b")),
    ("cyber", _rx(r"\bcyber\w*\b")),
    ("aircraft", _rx(r"\b(?:aircraft|F-16s?|fighter jets?|air force|helicopters?|Gripens?)\b")),
    ("naval", _rx(r"\b(?:naval|maritime|sea drones?|boats?|ships?|vessels?)\b")),
]

# Agreement triggers.
PRELIMINARY = _rx(
    r"\b(?:memorand(?:um|a)|MoUs?|letters? of intent|LoIs?|statements? of intent|"
    r"declarations? of intent|preliminary (?:agreements?|deals?|accords?)|framework agreement to)\b"
)
SECURITY_AGREEMENT = _rx(
    r"\b(?:security (?:agreements?|pacts?|accords?|guarantees?|commitments|cooperation agreements?|"
    r"deals?)|agreements? on security(?: cooperation)?|long-term (?:security |defen[cs]e )?"
    r"(?:support|assistance|cooperation) (?:agreements?|accords?|pacts?)|"
    r"(?:bilateral|ten-year|10-year) (?:security )?(?:pacts?|accords?)|bilateral agreements?"
    r"(?= (?:with|on|between)\b[^.]{0,80}\b(?:military|security|defen[cs]e)))\b"
)
COALITION = _rx(
    r"\b(?:[\w-]+ coalition|Drone Coalition|IT coalition|tank coalition|capability coalition)\b"
)
COALITION_ROLE = _rx(
    r"\b(?:join(?:ed|s|ing)?|lead(?:s|ing)?|leader|co-?lead\w*|established|founded|"
    r"signed|initiative of|initiative,|led by|signator(?:y|ies)|heads?|headed by|steer\w*|"
    r"chair\w*|co-?chair\w*|coordinat\w*)\b"
)
# "joined the group" counts as joining a coalition only in a text about one.
GROUP_JOINED = _rx(r"\bjoin(?:ed|s|ing)? the (?:group|initiative|alliance|format)\b")
AGREEMENT_NOUN = _rx(
    r"\b(?:agreements?|deals?|contracts?|accords?|treaty|pacts?|arrangements?|partnership|"
    r"scheme|mechanism|joint ventures?|memorand(?:um|a)|MoUs?)\b"
)
PROCUREMENT_AGREEMENT = _rx(
    r"\b(?:agreements?|deals?|contracts?|memorand(?:um|a)(?: of understanding)?|MoUs?|"
    r"letters? of intent)\b(?:\s+[\w-]+){0,4}?\s+(?:on|for|regarding|about|to|covering|over)\s+"
    r"(?:the\s+)?(?:(?:possible|potential|future|planned)\s+)?(?:purchas|procur|buy|supply|supplies|acqui|sale)\w*|"
    r"\b(?:deal|contract|agreement)s? under which\b.{0,60}?\b(?:buy|purchase|procure|acquire|"
    r"supply|deliver|(?:be )?made for|(?:be )?built for|(?:be )?produced for)|"
    r"\b(?:deal|contract)s? (?:worth|valued at|to supply|to deliver)\b|"
    r"\b(?:buy|buys|bought|purchas\w+|procur\w+|orders?|ordered)\b.{0,80}?\bunder (?:a |the |\w+ )?contracts?\b|"
    r"\b(?:agreements?|deals?|contracts?|memorand\w+(?: of understanding)?|MoUs?)\b.{0,40}?"
    r"\b(?:pay|paying|fund|funding|finance|financing|buy from|order from)\s+(?:\w+\s+)?"
    r"Ukrainian (?:manufacturers|producers|companies|firms|industry)"
)
# Production verbs: with a foreign country as the place, production abroad.
PRODUCTION_VERB = _rx(
    r"\b(?:(?:mass-)?produc(?:e|es|ed|ing|tion)|manufactur(?:e|es|ed|ing)|"
    r"assembl(?:e|es|ed|ing|y)|built|build|builds|building|make|making)\b"
)
# "the Letter of Intent", "the agreement": a deal the document has already described.
DEFINITE_DEAL = _rx(
    r"\b(?:the|this|that|these|those) (?:[\w-]+ )?(?:letters? of intent|memorand(?:um|a)|"
    r"agreements?|deals?|MoUs?|accords?|pacts?)\b"
)
# A clause that points at the deal described just before ("to that effect").
BACK_TO_DEAL = _rx(r"\b(?:to that effect|for this purpose|to this end|on this)\b")
# "similar arrangements", "such agreements": a deal of the kind the document has described.
SAME_KIND = _rx(
    r"\b(?:similar|such|the same kind of|comparable)\s+(?:\w+\s+)?(?:arrangements?|agreements?|"
    r"deals?|projects?|partnerships?|schemes?|documents?|pacts?|accords?|promises?|"
    r"commitments?|pledges?|steps?|moves?)\b|\b(?:did|done) the same\b|\bfollowed suit\b"
)
# Words that point at partners named elsewhere ("the two countries signed").
DEICTIC_PARTIES = _rx(
    r"\b(?:the two (?:countries|sides|governments|ministers)|both (?:countries|sides)|"
    r"the (?:parties|sides)|(?:was|were|has been|have been) (?:signed|concluded)|"
    r"the (?:security )?agreement|this agreement|the deal|our defen[cs]e ministers)\b"
)
COPRODUCTION = _rx(
    r"\b(?:(?:production|develop\w*|produc\w+|manufactur\w+) (?:[\w-]+ ){0,6}"
    r"(?:together|jointly)(?: with)?|in (?:collaboration|cooperation|partnership) with Ukraine|"
    r"joint(?:ly)? (?:[\w-]+ ){0,2}(?:production|produc\w+|ventures?|manufactur\w+|factory|"
    r"enterprises?|facilit\w+|development)|co-?produc\w+|produce (?:\w+ ){0,4}jointly|"
    r"production lines?|production facilit\w+|production capacit\w+|(?:open|build|set up|"
    r"establish|launch|finish|complet|construct)\w* (?:\w+ ){0,4}(?:factory|factories|plant|facilit\w+|production|"
    r"branch|subsidiary|site|workshop|hub)|(?:Ukrainian|production|assembly|weapons?) lines?|locali[sz]\w+|licen[cs]e (?:production|agreement)"
    r"|under (?:a |an )?(?:\w+ )?licen[cs]e|arms development|weapons development|"
    r"production (?:of \w+ )?(?:in (?:our|their|its) country|abroad)|"
    r"moving (?:\w+ ){0,6}production|tank plant)\b"
)
PROCUREMENT_DEAL = _rx(
    r"\b(?:purchas\w+|procur\w+|supply contract|contract (?:for|to supply)|buy\w*)\b"
)
NEGOTIATING = _rx(
    r"\b(?:talks?|negotiat\w+|discuss\w*|dialogue|consider\w*|exploring|prepare for signing|"
    r"preparing to sign|in contact)\b"
)
SIGNED = _rx(
    r"\b(?:(?<!to be )(?<!be )(?<!being )signed|(?<!will )(?<!to )(?<!would )signs|inks|"
    r"(?:set up|established|created|launched) by|conclude[sd]?|concluding|inked|struck|joined|"
    r"established|there is an agreement|sealed|became a member|signator(?:y|ies)|led by|"
    r"(?:has|have|had) (?:set up|created|formed|launched|founded|registered)|"
    r"under (?:a|an|this new|a new) (?:[\w-]+ ){0,3}agreement|"
    r"(?:has|have|had) (?:been )?agreed|(?<!will )(?<!to )(?<!would )(?<!not )sign\b|"
    r"(?:leads?|leader|co-?leads?|leading|heads|chairs|co-?chairs) (?:of |in )?the)\b"
)
PLANNED = _rx(
    r"\b(?:plans?|planned|planning|will|intends?|intending|aims?|to launch|is launching|"
    r"are launching|launching|decided|going to|to be signed|ongoing|envisions?|would|"
    r"begun building|begin building|building|to start|to open|to set up|opening|"
    r"expected to|to (?:produce|build|make|manufacture|assemble|develop)|want to)\b"
)
OPERATIONAL = _rx(
    r"\b(?:(?:began|begun|started|starts|launched) (?:\w+ ){0,3}(?:producing|production|"
    r"manufacturing|moving)|(?:is|are|has been|have been) (?:already |now |actively )?(?:producing|"
    r"manufacturing|engaged in producing|operating|repairing|servicing|assembling)|produces|already produc\w+|production (?:has )?(?:started|"
    r"began|is running|is under way|underway)|operates|rolled off|(?:established|started|"
    r"launched|set up) (?:a|the) (?:new )?(?:[\w-]+ ){0,2}(?:mechanism|scheme|model))\b"
)
HOST_PHRASE = _rx(
    r"\b(?:on (?:its|their|our|Danish|British|Lithuanian|\w+) (?:territory|soil)|in our country|"
    r"in (?:\w+ern )?Ukraine|(?:near|outside|in) Kyiv)\b"
)
# Making something in Ukraine: localisation, when a foreign partner takes part.
MADE_IN_UKRAINE = _rx(
    r"\b(?:produc|build|manufactur|mak|assembl)\w* (?:[\w-]+ ){0,4}in (?:\w+ern )?Ukraine\b"
)
# Demonyms followed by these stand for firms or partners of that country in a deal.
DEMONYM_PARTY = _rx(
    r"\s+(?:\w+\s+)?(?:compan(?:y|ies)|firms?|manufacturers?|producers?|partners?|"
    r"counterparts?|side|enterprises|makers?|vehicle-maker|defen[cs]e (?:firms|companies|"
    r"industry|sector))\b"
)
# A country named in these roles is not the funder of the sum near it.
NON_FUNDER_ROLE = _rx(
    r"\b(?:spearheaded|led|pioneered|initiated|coordinated|headed|proposed|devised|invented)"
    r"\s+by\s+(?:the\s+)?$"
)
# A firm as the subject of a sum: its own investment, not a government's commitment.
COMPANY_SUBJECT = _rx(
    r"\b(?:company|companies|firm|manufacturer|maker|drone-maker|producer|startup|group|"
    r"concern|corporation)\b"
)
# Subjects that point back to the partner named before ("The Baltic country has provided").
BACK_REFERENCE = _rx(
    r"(?:^|[,:;—–]\s*|\b)(?:[\"“]?\s*)?(?:it|the (?:package|aid|contribution|money|funding|sum)|the country|the (?:[\w-]+ )?(?:country|state|nation|kingdom|government)|"
    r"its government|the ministry|they)\b"
)

# A sentence listing a coalition's members: only those named with a role are parties.
MEMBER_LIST = _rx(
    r"\b(?:consists of|comprises|comprising|includes|including|members? (?:are|include)|"
    r"composed of|brings together)\b"
)
