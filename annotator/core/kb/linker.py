"""From a mention as written to ranked knowledge-base entries, by jurisdiction.

Order of evidence: an exact global name (unique by construction of the KB), then a local name
(市民政局, 区委, 团省委) resolved in the document's jurisdiction, then a name with an explicit
region prefix the KB spells differently, then string similarity within the jurisdiction.
A body the KB lacks gets at most low-scored guesses (< 0.5), led by a proposed new entry
(id ``new:<name>``) named by the conventions of the KB, for the annotator to accept or reject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..gazetteer import Division, Gazetteer, default_gazetteer
from .jurisdiction import Jurisdiction, lookup
from .knowledge import COMPOSED_PREFIX, KnowledgeBase
from .model import Agency, Link

NEW_PREFIX = "new:"  # ids of proposed entries that are not (yet) in the knowledge base
PROPOSAL_SCORE = 0.4
COMPOSED_SCORE = 0.6
# Body types whose name says what they are: a composed name ends with one of them.
_BODY_TYPES = ("局", "厅", "委员会", "办公室", "研究室", "指挥部", "总队", "支队", "大队", "分局",
               "委", "署", "人民政府", "法院", "检察院")
_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")  # a Chinese character
_STOP_BODY = re.compile(r"[的和与及、，,]|工作$|[0-9０-９]")
CENTRAL_PREFIXES = ("中央", "国务院", "国家")
# Level words that stand for "this jurisdiction's division of that level", longest first.
LEVEL_WORDS = ("自治区", "自治州", "自治县", "街道", "省", "市", "区", "县", "州", "镇", "乡")
_PROVINCIAL_CITIES = {"110000", "120000", "310000", "500000"}
# Names the guidelines settle that the KB does not list: 中央 alone, acting, is 中共中央.
_ACTING_NAMES = {"中央": ("中共中央", 0.9)}
_TERM_IN = re.compile(r"第?[一二三四五六七八九十\d]{1,3}[届屆](?=人民代表大会|人大|政协)")
# What may stand before the region in a body's name (中共兴宁区委, 共青团南宁市委员会).
_LEADS = ("中国共产党", "中共", "共青团", "政协", "中国人民政治协商会议")


@dataclass(frozen=True)
class Parsed:
    """A mention split into what names its region and what names the body."""

    code: str | None  # deepest county-or-higher division named or implied
    units: str  # township and community names below ``code`` (朝天门街道, 大坪街道浮图关社区)
    level_word: str | None  # 市 in 市民政局; None when a place name or nothing leads
    central: bool
    rest: str  # the body and suffix (民政局, 党工委, 委组织部)


class Linker:
    """Built once per knowledge base; ``link`` is cheap and never touches the disk."""

    def __init__(self, kb: KnowledgeBase, gazetteer: Gazetteer | None = None):
        self.kb = kb
        self.gazetteer = gazetteer or default_gazetteer()
        self.bare: dict[str, set[str]] = _bare_index(kb.local_texts())
        self._shapes: dict[str, list[set[str]]] = {}  # agency id → bigrams of its name bodies

    # -- entry point -----------------------------------------------------------------------
    def link(
        self,
        mention: str,
        jurisdiction: Jurisdiction,
        limit: int = 5,
        *,
        at: int | None = None,
        near: str | None = None,
    ) -> list[Link]:
        """Ranked links for ``mention``, best first, scores 0..1.

        ``at`` is the mention's offset (the nearest place named before it settles which county a
        ``县委`` is on a page of county stories); ``near`` the id of an agency named just before
        in the same sentence (``省委副书记、组织部部长``: the 组织部 is the 省委's).
        """
        links = self._exact(mention, jurisdiction, at)
        if not links and mention in _ACTING_NAMES:
            name, score = _ACTING_NAMES[mention]
            links = [_link(a, score) for a, _kind in self.kb.lookup(name)][:1]
        if not links:
            links = self._variants(mention, jurisdiction, at)
        if not links and mention in self.bare:
            links = self._bare(mention, jurisdiction, at, near)
        if not links:
            links = self._unknown(mention, jurisdiction)
        return links[:limit]

    # -- names the KB has -------------------------------------------------------------------
    def _exact(self, mention: str, jur: Jurisdiction, at: int | None,
               within: str | None = None) -> list[Link]:
        """Entries named exactly ``mention``; ``within`` keeps those under that division.
        A name several entries carry (鼓楼区委: four cities have a 鼓楼区) goes by the
        document's jurisdiction."""
        found = [(a, kind) for a, kind in self.kb.lookup(mention) if kind != "local"
                 and (within is None or self._inside(a.region_code, within))]  # fmt: skip
        if len(found) > 1:
            found.sort(key=lambda ak: -self._region_weight(ak[0].region_code, jur))
        out = [_link(a, (1.0 if mention == a.name else 0.97 if kind == "global" else 0.85)
                     - 0.02 * min(k, 1))
               for k, (a, kind) in enumerate(found)]  # fmt: skip
        codes = [c for c, _w in jur.codes] if within is None else [within]
        local = self._in_jurisdiction(mention, codes)
        if local:
            out += self._resolve_local(local, jur, at)
        return sorted(out, key=lambda link: -link.score)

    def _in_jurisdiction(self, name: str, codes: list[str]) -> list[Agency]:
        """Entries with local name ``name`` in the divisions ``codes``: the few weighted
        codes are walked rather than the many entries (市委 names hundreds of bodies)."""
        return self.kb.local(name, codes)

    def _region_weight(self, code: str | None, jur: Jurisdiction) -> float:
        """The weight of a division or of the nearest division above it that has one."""
        for div in reversed(self.gazetteer.chain(code or "")):
            weight = jur.weight(div.code)
            if weight:
                return weight
        return 0.0

    def _inside(self, code: str | None, above: str) -> bool:
        return code == above or self._under(code or "", above)

    # -- variants of a name the base keeps in one form ---------------------------------------
    def _variants(self, mention: str, jur: Jurisdiction, at: int | None) -> list[Link]:
        """中共兴宁区委 → 兴宁区委; 南宁市兴宁区人社局 → 兴宁区人社局 under 南宁市;
        来苏镇政府 → 来苏镇人民政府: the base keeps names in the division's own name only."""
        lead = next((p for p in _LEADS if mention.startswith(p)), "")
        body = mention[len(lead):]
        tries: list[tuple[str, str | None]] = []
        term = _TERM_IN.sub("", mention)  # 厦门市第十六届人大常委会 → 厦门市人大常委会
        if term != mention:
            return self.link(term, jur, at=at)
        if lead == "中共" or lead == "中国共产党":
            tries.append((body, None))
            lead = "中共"
        chain = self._chain(body)
        if len(chain) > 1:
            top, last_start = chain[0][0], chain[-1][1]
            tries.append((lead + body[last_start:], top))
            if lead == "中共":
                tries.append((body[last_start:], top))
        for text, within in list(tries) or [(mention, None)]:
            if text.endswith("政府") and not text.endswith("人民政府"):
                tries.append((text[:-2] + "人民政府", within))
        if lead == "中共":  # 中共秀山自治县委社会工作部: the region as written, then its body
            tries.append((body, "respell"))
        for text, within in tries:
            if within == "respell":
                parsed = self.parse(text, jur)
                links = self._respelled(parsed, jur) if parsed else []
            else:
                links = self._exact(text, jur, at, within) if text != mention or within else []
            if links:
                return [replace(link, score=1.0 if link.name == mention
                                else round(link.score * 0.97, 3)) for link in links]
        return []

    def _chain(self, text: str) -> list[tuple[str, int]]:
        """Division names written one after another at the start of ``text``: (code, start)."""
        out: list[tuple[str, int]] = []
        pos, above = 0, None
        while pos < len(text):
            for size in range(min(len(text) - pos, 12), 1, -1):
                found = [d for d in lookup(self.gazetteer, text[pos : pos + size])
                         if above is None or d.code != above and self._under(d.code, above)
                         or d.level == "township" and d.code == above]  # fmt: skip
                if found and (len(text) - pos - size >= 1):
                    code = found[0].code
                    out.append((code, pos))
                    above, pos = code, pos + size
                    break
            else:
                break
        return out

    def _resolve_local(
        self, entries: list[Agency], jur: Jurisdiction, at: int | None, scale: float = 1.0
    ) -> list[Link]:
        """Entries sharing a local name, ranked by the weight of their region in ``jur``."""
        weights = {a.id: jur.weight(a.region_code) for a in entries}
        entries = [a for a in entries if weights[a.id] > 0]
        if not entries:
            return []
        if at is not None and len(entries) > 1:
            nearest = jur.nearest_before(at, (a.region_code for a in entries))
            boost = 0.5 * max(weights.values())
            for a in entries:
                if a.region_code == nearest:
                    weights[a.id] += boost
        total = sum(weights[a.id] for a in entries)
        ranked = sorted(entries, key=lambda a: (-weights[a.id], -_depth(a.region_code), a.id))
        return [_link(a, scale * (0.5 + 0.45 * weights[a.id] / total)) for a in ranked]

    def _bare(
        self, mention: str, jur: Jurisdiction, at: int | None, near: str | None
    ) -> list[Link]:
        """组织部, 政法委 with no level word: the department of the body just named, else of
        the jurisdiction's most specific division that has one."""
        codes = [c for c, _w in jur.codes]
        entries = [a for text in sorted(self.bare[mention])
                   for a in self._in_jurisdiction(text, codes)]  # fmt: skip
        anchor = self.kb.get(near) if near else None
        if anchor is not None:
            same = [a for a in entries if a.region_code == anchor.region_code]
            if same:
                return [_link(same[0], 0.8)]
        return self._resolve_local(entries, jur, at, scale=0.85)

    # -- names the KB lacks -----------------------------------------------------------------
    def _unknown(self, mention: str, jur: Jurisdiction) -> list[Link]:
        parsed = self.parse(mention, jur)
        if parsed is None:
            return []
        links = self._respelled(parsed, jur)
        if links:
            return links
        guesses = self._similar(parsed)
        proposal = self._composed(mention, parsed) or self._proposal(mention, parsed)
        cut = proposal.score if proposal else PROPOSAL_SCORE
        links = [g for g in guesses if g.score >= cut]
        links += [proposal] if proposal else []
        links += [g for g in guesses if g.score < cut]
        return links

    def _composed(self, mention: str, parsed: Parsed) -> Link | None:
        """A body whose structure is clear, a named or implied division and a body type
        (省地震局, 重庆市林业局, 市政府地方志办公室), though the base lacks it: its canonical
        name and a stable id from the division and that name (``composed:<code>:<name>``)."""
        if parsed.units or not (parsed.code or parsed.central):
            return None
        body = _normalise_body(parsed.rest)[1]
        if len(body) < 3 or not body.endswith(_BODY_TYPES) or _STOP_BODY.search(body):
            return None
        name, level, region = self.propose_name(mention, parsed)
        if name is None:
            return None
        code = "000000" if parsed.central else parsed.code
        return Link(f"{COMPOSED_PREFIX}{code}:{name}", name, COMPOSED_SCORE, level, region)

    def _respelled(self, parsed: Parsed, jur: Jurisdiction) -> list[Link]:
        """重庆市渝中区委组织部: a region prefix plus a local name (区委组织部) of that region."""
        if parsed.code is None or parsed.units or parsed.level_word:
            return []
        div = self.gazetteer.by_code.get(parsed.code)
        if div is None:
            return []
        word = _level_word_of(div)
        for local in dict.fromkeys((word + parsed.rest, word[-1:] + parsed.rest, parsed.rest)):
            found = self._in_jurisdiction(local, [parsed.code])  # 自治县委 is a 县委
            if found:
                return [_link(a, 0.9) for a in found]
        return []

    def _similar(self, parsed: Parsed) -> list[Link]:
        """Entries of the mention's region whose names differ only a little (和, 的 …)."""
        if parsed.units or not (parsed.code or parsed.central):
            return []
        code = "000000" if parsed.central else parsed.code
        target = _bigrams(parsed.rest)
        scored: list[tuple[float, Agency]] = []
        for agency in self.kb.in_region(code or ""):
            best = max((_dice(target, shape) for shape in self._shape(agency)), default=0.0)
            if best > 0.3:
                scored.append((best, agency))
        scored.sort(key=lambda sa: (-sa[0], sa[1].id))
        return [_link(a, _similarity_score(s)) for s, a in scored[:5]]

    def _shape(self, agency: Agency) -> list[set[str]]:
        shapes = self._shapes.get(agency.id)
        if shapes is None:
            shapes = [_bigrams(_body(text, agency)) for text, _ in agency.names()]
            self._shapes[agency.id] = shapes
        return shapes

    def _proposal(self, mention: str, parsed: Parsed) -> Link | None:
        """A new entry named from the mention, unless its edges are not a name's (a boundary
        still to fix: 重庆市人民政府《 proposes nothing)."""
        if not (_HAN.match(mention[:1]) and _HAN.match(mention[-1:])):
            return None
        name, level, region = self.propose_name(mention, parsed)
        if name is None:
            return None
        return Link(NEW_PREFIX + name, name, PROPOSAL_SCORE, level, region)

    def propose_name(self, mention: str, parsed: Parsed) -> tuple[str | None, str | None, str]:
        """The canonical name a new entry would take: 中共 for Party bodies, region in full."""
        if parsed.central:
            if mention.startswith("中央"):
                return "中共" + mention, "central", "中华人民共和国"
            return mention, "central", "中华人民共和国"
        if parsed.code is None:
            return None, None, ""
        region = self._region_name(parsed.code)
        party, rest = _normalise_body(parsed.rest)
        if parsed.rest.startswith("政协"):
            name = f"中国人民政治协商会议{region}{parsed.units}委员会"
        else:
            name = ("中共" if party else "") + region + parsed.units + rest
        level = (
            "community"
            if "社区" in parsed.units or parsed.units.endswith("村")
            else ("township" if parsed.units else _level_of(parsed.code))
        )
        return name, level, self._region_chain(parsed.code) + parsed.units

    # -- parsing ----------------------------------------------------------------------------
    def parse(self, mention: str, jur: Jurisdiction) -> Parsed | None:
        """Split the region prefix off ``mention``; None when nothing names or implies one."""
        for word in CENTRAL_PREFIXES:
            if mention.startswith(word) and len(mention) > len(word):
                return Parsed(None, "", None, True, mention[len(word) :])
        code, units, pos = self._places(mention, jur)
        if pos:
            rest = mention[pos:]
            if units:
                community, rest = _community(rest)
                units += community
            return Parsed(code, units, None, False, rest)
        for word in LEVEL_WORDS:
            if mention.startswith(word) and len(mention) > len(word):
                return Parsed(self._level_code(word, jur), "", word, False, mention[len(word) :])
        return None

    def _places(self, mention: str, jur: Jurisdiction) -> tuple[str | None, str, int]:
        """The chain of division names that opens ``mention``: (code, township names, length)."""
        code: str | None = None
        units = ""
        pos = 0
        while pos < len(mention):
            for size in range(min(len(mention) - pos, 12), 1, -1):
                div = self._division(mention[pos : pos + size], code, jur)
                if div is not None:
                    if div.level == "township":
                        code, units = div.code, units + div.name
                    elif not units:
                        code = div.code
                    else:
                        return code, units, pos
                    pos += size
                    break
            else:
                break
        return code, units, pos

    def _division(self, name: str, above: str | None, jur: Jurisdiction) -> Division | None:
        found = lookup(self.gazetteer, name)
        if not found or (len(name) < 3 and any(d.level == "township" for d in found)):
            return None
        if above is not None:
            found = [d for d in found if d.code != above and self._under(d.code, above)
                     or d.level == "township" and d.code == above]  # fmt: skip
        if len(found) > 1:
            found.sort(key=lambda d: -jur.weight(d.code if d.level != "township" else d.parent))
        return found[0] if found else None

    def _under(self, code: str, above: str) -> bool:
        return any(d.code == above for d in self.gazetteer.chain(code))

    def _level_code(self, word: str, jur: Jurisdiction) -> str | None:
        """The jurisdiction's division a level word stands for: 区 → its district."""
        for code, _weight in jur.codes:
            div = self.gazetteer.by_code.get(code)
            if _fits_level(word, code, div.name if div else ""):
                return code
        return None

    def _region_name(self, code: str) -> str:
        """As the KB writes it: 重庆市渝中区, 四川省, 成都市, 成都市郫都区."""
        chain = self.gazetteer.chain(code)
        if len(chain) > 1 and chain[0].code not in _PROVINCIAL_CITIES:
            chain = chain[1:]
        return "".join(d.name for d in chain)

    def _region_chain(self, code: str) -> str:
        return "".join(d.name for d in self.gazetteer.chain(code))


# -- helpers -------------------------------------------------------------------------------
def _link(agency: Agency, score: float) -> Link:
    return Link(agency.id, agency.name, round(min(max(score, 0.0), 1.0), 3), agency.level,
                agency.region)  # fmt: skip


def _depth(code: str | None) -> int:
    if not code or code == "000000":
        return 0
    return 1 if code.endswith("0000") else 2 if code.endswith("00") else 3


def _level_of(code: str) -> str:
    return {0: "central", 1: "provincial", 2: "municipal", 3: "county"}[_depth(code)]


def _fits_level(word: str, code: str, name: str) -> bool:
    """市 is a city of either rank (成都市, 凯里市), never a 州 or 地区; 区/县 any county."""
    depth = _depth(code)
    if word in ("省", "自治区"):
        return depth == 1
    if word == "市":
        return code in _PROVINCIAL_CITIES or depth in (2, 3) and name.endswith("市")
    if word in ("州", "自治州"):
        return depth == 2 and name.endswith("州")
    if word in ("区", "县", "自治县"):
        return depth == 3
    return False  # 镇, 乡, 街道 with no name: no division to point at


def _level_word_of(div: Division) -> str:
    for word in ("自治区", "自治州", "自治县", "省", "市", "区", "县", "州"):
        if div.name.endswith(word):
            return word
    return ""


def _bare_index(local_texts: set[str]) -> dict[str, set[str]]:
    """Department names without level word (组织部 ← 省委组织部), for lists of titles."""
    out: dict[str, set[str]] = {}
    for text in sorted(local_texts):
        for word in LEVEL_WORDS:
            if text.startswith(word):
                bare = text[len(word) :]
                for head in ("委", "党委"):  # 省委组织部 → 组织部
                    if bare.startswith(head) and len(bare) > len(head) + 1:
                        bare = bare[len(head) :]
                if len(bare) >= 2 and bare not in _NOT_BARE:
                    out.setdefault(bare, set()).add(text)
                break
    return out


# Too generic without a level word: 人民政府, 人大, 政协, 法院 … name every level's body.
_NOT_BARE = {
    "委", "人民政府", "政府", "人民代表大会", "人大", "人民代表大会常务委员会", "人大常委会",
    "政协", "人民法院", "法院", "中级人民法院", "中院", "中级法院", "高级人民法院", "高院",
    "高级法院", "人民检察院", "检察院", "监察委员会", "监委", "人民政府办公室", "政府办公室",
    "人民政府办公厅", "政府办公厅", "办公室", "办公厅", "党委",
}  # fmt: skip


def _normalise_body(rest: str) -> tuple[bool, str]:
    """(is a Party body, the body in full): 党工委 → 工作委员会, 政府 → 人民政府, 办 → 办公室."""
    party = False
    if rest.endswith("党工委"):
        party, rest = True, rest[:-3] + "工作委员会"
    elif rest.endswith("党委"):
        party, rest = True, rest[:-2] + "委员会"
    elif rest.endswith("党组"):
        party = True
    if rest.startswith("委"):
        party = True  # 市委, 区委组织部: the committee of the region, or one of its departments
    rest = rest.replace("人大常委会", "人民代表大会常务委员会")
    if "政府" in rest and "人民政府" not in rest:
        rest = rest.replace("政府", "人民政府", 1)
    if rest.endswith("办"):
        rest += "公室"
    if rest.endswith(("防总", "防指")):  # the flood-control and drought-relief headquarters
        rest = rest[:-2] + "防汛抗旱总指挥部"
    return party, rest


def _community(rest: str) -> tuple[str, str]:
    """浮图关社区党委 → (浮图关社区, 党委): a community or village named below a township."""
    for unit in ("社区", "村"):
        pos = rest.find(unit)
        if 1 < pos <= 6:
            return rest[: pos + len(unit)], rest[pos + len(unit) :]
    return "", rest


def _body(text: str, agency: Agency) -> str:
    """A name without what names its region: 区人力资源和社会保障局 → 人力资源和社会保障局."""
    for prefix in (agency.region or "", "中共" + (agency.region or "")):
        if prefix and text.startswith(prefix):
            return text[len(prefix) :]
    for word in LEVEL_WORDS:
        if text.startswith(word):
            return text[len(word) :]
    return text


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def _dice(x: set[str], y: set[str]) -> float:
    return 2 * len(x & y) / (len(x) + len(y))


def _similarity_score(sim: float) -> float:
    """Near-identical spellings are probably the entry; anything less stays a guess."""
    return 0.5 + 2 * (sim - 0.8) if sim >= 0.8 else 0.45 * sim
