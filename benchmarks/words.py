"""The words synthetic sets are written with: the packaged article's register.

Common words come first, most frequent first; :mod:`synth` follows them with a
long tail of pseudo-words made of the syllables below, so that word frequencies
fall off as a real corpus's do. The other lists give glossary terms, external
sources, Chinese titles and quotes, areas, units and measuring bodies.
"""

from __future__ import annotations

# Common words of the packaged article's register, most frequent first; a long
# tail of generated pseudo-words follows them (see _Vocabulary).
COMMON_WORDS = """
the of and to in digital development we should a for on is it as economy
internet technology services data rural industrial enterprises public new
infrastructure innovation support construction promote national platform
industry small medium financial medical system policy cloud computing
government capacity support market build mechanism further strengthen
security protection ecological regional cooperation talents education health
hospitals doctors farmers villages governance reform opening coordination
standards strategy resources application upgrading transformation quality
efficiency investment credit finance risk supervision regulation science
research basic training employment income poverty alleviation revitalization
areas cities zone demonstration pilot marine environment pollution coastal
estuary park wetlands fisheries shipping ports logistics manufacturing
intelligent network networks computing power centers artificial intelligence
blockchain big mobile payment mini programs online offline consumption
epidemic prevention control emergency response relief loans taxes fees rents
costs burden cash flow operation resumption production supply chains
collaboration sharing openness integration bay hong kong macao shenzhen
guangdong pearl river delta special economic socialism characteristics
pioneer model modern international first class business environment legal
rule law property rights intellectual patents trade exchange rate capital
account listing board venture long term near mid level high quality overall
comprehensive deep key core major important effective stable sustainable
green low carbon energy water soil air monitoring assessment evaluation
accountability incentive guidance funds subsidies procurement tax
"""
COMMON = tuple(COMMON_WORDS.split())

SYLLABLE_TEXT = """
ba ce di fo gu ha ji ka lo mu na pe qi ro su ta vi wo xa yu ze
bran cor dex fen gor hul jin kel lum mor nix pax quor ren sol tev van wex yor zun
"""
SYLLABLES = tuple(SYLLABLE_TEXT.split())

# Phrases that make some texts non-ASCII (code points != bytes).
NON_ASCII = (
    "Ma Huateng (马化腾)",
    "the “two sessions”",
    "digital villages — and towns",
    "the Greater Bay Area (大湾区)",
    "a café economy",
)

# Glossary terms: (canonical, variants, zh, note); every spelling is written
# into the first article so that validation finds each variant.
GLOSSARY = (
    (
        "Greater Bay Area",
        ("Great Bay area", "Dawan District"),
        "大湾区",
        "The Guangdong-Hong Kong-Macao Greater Bay Area.",
    ),
    ("sense of gain", ("sense of access",), "获得感", "A literal translation."),
    ("mini programs", ("small programs",), "小程序", None),
    (
        "village platform",
        ("for the village platform",),
        "为村",
        "Tencent's 为村 ('for the village') platform.",
    ),
    ("relief", ("rescue",), "纾困", None),
    ("NPC and CPPCC", ("the NPC and the NPC",), "两会", "The two sessions."),
)

EXTERNAL = (
    ("guancha-163", "https://www.163.com/money/article/example.html"),
    ("financial-news", "https://www.financialnews.com.cn/example.html"),
    ("guangming-daily", "https://www.gmw.cn/example.html"),
    ("people-daily", "http://www.people.com.cn/example.html"),
    ("cri-npc-dates", "http://news.cri.cn/example.html"),
)
ZH_TITLES = (
    "《关于加快制定产业互联网国家战略壮大数字经济的建议》",
    "《关于在后脱贫期促进乡村振兴的建议》",
    "《关于运用数字技术助力中小微企业纾困的建议》",
    "《关于加强医务人员保障的建议》",
    "《关于推动金融科技发展的建议》",
)
ZH_QUOTES = ("2.55亿", "超过40份", "连续八年", "平均每年超过5份", "约30%")
AREAS = (
    "rural governance",
    "rural economic development",
    "rural public services",
    "financial regulation",
    "public health",
    "marine ecology",
)
UNITS = ("people", "percent", "internet users", "enterprises", "yuan", "years")
ORGS = (
    "China Internet Network Information Center (CNNIC)",
    "National Bureau of Statistics",
    "Ministry of Industry and Information Technology",
    None,
    None,
)
