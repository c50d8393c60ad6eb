#!/usr/bin/env python3
"""Convert the peer benchmark data set (isms-bench.xml) into an ismsc source folder.

Usage:  isms2sources.py ISMS-BENCH.xml OUTDIR [CATALOGUE]

CATALOGUE: ismsc's Annex A catalogue (default: stylesheets/data/annex-a-2022.xml
of this repository), read for the controls that require a documented rule.

Writes OUTDIR/organization.xml, risk-methodology.xml, risks.xml, controls.xml
and OUTDIR/policies/POL-NN.xml (one per policy of the data set); files that
were there before and are not rewritten are left alone, so use a fresh folder.
Python 3 standard library only; the output is deterministic.

The data set (../../shared/bench-peers/gen/gen_isms.py, described in its
README) holds the same risks, controls and policy texts that the peers
typeset; everything they print is carried over. Where ismsc's source format
asks for more than the data set has, the gaps are filled as follows, and only
so (see bench/README.md, "The converted data"):

- roles: one per distinct owner named in the data set (risk and policy owners:
  role titles such as "CISO" and person names); id = the owner's name folded to
  ASCII, title = the owner's name as written;
- risk title = the risk's asset; treatment rationale left empty; the data
  set's due date becomes one open treatment action owned by the risk owner;
  a risk that is retained, or whose residual score is above the acceptance
  criteria (8), gets its owner's acceptance dated on that due date;
- residual likelihood and impact: the data set gives the residual score only;
  they are recovered as the generator made them (impact kept or lowered by
  one, likelihood lowered);
- a risk's reference to a control that the data set marks not applicable is
  replaced by the next applicable control in catalogue order that the risk
  does not already name (ismsc rejects treating a risk with an excluded
  control; this keeps the number of controls per risk);
- controls: the data set's justification becomes the reason for inclusion of
  an applicable control (type "risk" when some risk is treated with it, else
  "best-practice") or the justification of an excluded one; owner "CISO";
  statuses mapped to ismsc's names; a control not fully implemented that no
  risk is treated with gets the due date 2027-12-31; titles are ismsc's
  Annex A catalogue's (the data set's titles are synthetic placeholders and
  have no place in ismsc's format);
- policies: approver = owner, one revision (version, approval date, owner);
  the applicable controls whose text requires a documented rule (the
  catalogue's <documented>) are shared out among the policies in turn, and a
  policy left without one implements the first applicable control.
"""

import os
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

STATUS = {"implemented": "implemented", "partially implemented": "partial",
          "planned": "planned", "not implemented": "not-implemented"}


def text(el, name):
    e = el.find(name)
    return "" if e is None or e.text is None else e.text


def slug(name):
    """An ismsc id from an owner's name: ASCII letters, digits and '-'."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    s = re.sub(r"[^A-Za-z0-9]+", "-", folded.replace("'", "")).strip("-").lower()
    return s or "role"


class Roles:
    def __init__(self):
        self.ids = {}      # name -> id, in first-seen order
        self.used = set()

    def ref(self, name):
        if name not in self.ids:
            base = slug(name)
            rid, k = base, 2
            while rid in self.used:
                rid, k = f"{base}-{k}", k + 1
            self.used.add(rid)
            self.ids[name] = rid
        return self.ids[name]


def residual_rating(lik, imp, treatment, residual):
    """Likelihood and impact whose product is the residual score, within the
    generator's rules: modify lowers the likelihood by 0-2 and the impact by
    0-1, share and avoid lower the likelihood only, retain keeps both."""
    if treatment == "retain":
        return lik, imp
    for ri in (imp, imp - 1):
        if ri >= 1 and residual % ri == 0 and 1 <= residual // ri <= lik:
            return residual // ri, ri
    raise ValueError(f"residual score {residual} not reachable from {lik}x{imp}")


def documented_controls(catalogue):
    """Ids of the catalogue's controls that require a documented rule."""
    if not os.path.exists(catalogue):
        return []
    return [c.get("id") for c in ET.parse(catalogue).getroot().iter("control")
            if c.find("documented") is not None]


def write(path, body):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        f.write(body)


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__.split("\n\n")[1])
    src, out = sys.argv[1], sys.argv[2]
    catalogue = sys.argv[3] if len(sys.argv) > 3 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "stylesheets", "data", "annex-a-2022.xml")
    root = ET.parse(src).getroot()
    os.makedirs(os.path.join(out, "policies"), exist_ok=True)
    e, q = escape, quoteattr
    roles = Roles()
    roles.ref("CISO")  # owner of every control

    # controls: which are excluded, and which are used by a risk (after dropping)
    controls = root.find("controls").findall("control")
    excluded = {c.get("id") for c in controls if text(c, "applicable") != "yes"}
    order = [c.get("id") for c in controls]
    applicable = [i for i in order if i not in excluded]

    def substitute(ids):
        """The risk's controls, each excluded one replaced by the next
        applicable control (catalogue order) not already in the list."""
        res = [i for i in ids if i not in excluded]
        for i in ids:
            if i in excluded:
                k = order.index(i)
                for j in order[k + 1:] + order[:k]:
                    if j not in excluded and j not in res:
                        res.append(j)
                        break
        return sorted(res, key=order.index)

    # ---------------------------------------------------------------- risks
    used = set()
    lines = ["<risks>\n"]
    for r in root.find("risks").findall("risk"):
        lik, imp = int(text(r, "likelihood")), int(text(r, "impact"))
        treat = text(r, "treatment")
        rl, ri = residual_rating(lik, imp, treat, int(text(r, "residual")))
        owner = roles.ref(text(r, "owner"))
        ctrls = substitute(text(r, "controls").split())
        used.update(ctrls)
        asset = e(text(r, "asset"))
        due = text(r, "due")
        accept = (f'    <acceptance by="{owner}" date="{due}"/>\n'
                  if treat == "retain" or rl * ri > 8 else "")
        lines.append(
            f'  <risk id="{r.get("id")}" owner="{owner}">\n'
            f'    <title>{asset}</title>\n'
            f'    <asset>{asset}</asset>\n'
            f'    <threat>{e(text(r, "threat"))}</threat>\n'
            f'    <vulnerability>{e(text(r, "vulnerability"))}</vulnerability>\n'
            f'    <inherent likelihood="{lik}" impact="{imp}"/>\n'
            f'    <treatment option="{treat}">\n'
            f'      <rationale/>\n'
            + "".join(f'      <control ref="{c}"/>\n' for c in ctrls) +
            f'      <action owner="{owner}" due="{due}" status="open">'
            f'Implement the treatment.</action>\n'
            f'    </treatment>\n'
            f'    <residual likelihood="{rl}" impact="{ri}"/>\n'
            + accept +
            f'  </risk>\n')
    lines.append("</risks>\n")
    write(os.path.join(out, "risks.xml"), "".join(lines))

    # ---------------------------------------------------------------- controls
    lines = ["<controls>\n"]
    for c in controls:
        cid = c.get("id")
        just = e(text(c, "justification"))
        if cid in excluded:
            lines.append(f'  <control id="{cid}" applicable="no">\n'
                         f'    <justification>{just}</justification>\n  </control>\n')
        else:
            kind = "risk" if cid in used else "best-practice"
            status = STATUS[text(c, "status")]
            due = ' due="2027-12-31"' if status != "implemented" and cid not in used else ""
            lines.append(f'  <control id="{cid}" applicable="yes" '
                         f'status="{status}" owner="{roles.ref("CISO")}"{due}>\n'
                         f'    <reason type="{kind}">{just}</reason>\n  </control>\n')
    lines.append("</controls>\n")
    write(os.path.join(out, "controls.xml"), "".join(lines))

    # ---------------------------------------------------------------- policies
    pols = root.find("policies").findall("policy")
    implements = {p.get("id"): [] for p in pols}
    for k, cid in enumerate(i for i in documented_controls(catalogue) if i in applicable):
        if pols:
            implements[pols[k % len(pols)].get("id")].append(cid)

    def blocks(sec, ind):
        s = []
        for b in sec:
            if b.tag == "p":
                s.append(f"{ind}<p>{e(b.text or '')}</p>\n")
            elif b.tag == "list":
                s.append(f'{ind}<list type="bullet">\n')
                s.extend(f"{ind}  <item>{e(i.text or '')}</item>\n" for i in b.findall("item"))
                s.append(f"{ind}</list>\n")
        for sub in sec.findall("section"):
            s.append(f"{ind}<section>\n{ind}  <title>{e(text(sub, 'heading'))}</title>\n")
            s.extend(blocks(sub, ind + "  "))
            s.append(f"{ind}</section>\n")
        return s

    for p in pols:
        pid, version = p.get("id"), p.get("version")
        owner = roles.ref(text(p, "owner"))
        approved = text(p, "approved")
        body = [f'<policy id="{pid}" version="{version}" owner="{owner}" approver="{owner}" '
                f'approved="{approved}">\n',
                f'  <title>{e(text(p, "title"))}</title>\n',
                f'  <purpose>{e(text(p, "purpose"))}</purpose>\n',
                f'  <history>\n    <revision version="{version}" date="{approved}" '
                f'author="{owner}">Approved.</revision>\n  </history>\n',
                '  <implements>\n'
                + "".join(f'    <control ref="{c}"/>\n' for c in implements[pid] or applicable[:1])
                + '  </implements>\n']
        for sec in p.findall("section"):
            body.append(f"  <section>\n    <title>{e(text(sec, 'heading'))}</title>\n")
            body.extend(blocks(sec, "    "))
            body.append("  </section>\n")
        body.append("</policy>\n")
        write(os.path.join(out, "policies", f"{pid}.xml"), "".join(body))

    # ---------------------------------------------------------------- organization
    org = root.find("organisation")
    role_lines = "".join(f"    <role id={q(rid)} title={q(name)}/>\n"
                         for name, rid in roles.ids.items())
    write(os.path.join(out, "organization.xml"),
          "<organization>\n"
          f"  <name>{e(text(org, 'name'))}</name>\n"
          f"  <scope>\n    <statement>{e(text(org, 'scope'))}</statement>\n  </scope>\n"
          "  <issues>\n"
          '    <issue id="ISS-1" type="internal">Benchmark data set: generated, '
          "not a real organisation.</issue>\n"
          '    <climate-change relevant="no">Not assessed for the benchmark.</climate-change>\n'
          "  </issues>\n"
          "  <interested-parties>\n"
          '    <party id="IP-1">\n      <name>Customers</name>\n'
          "      <requirement>Protection of their data.</requirement>\n    </party>\n"
          "  </interested-parties>\n"
          f"  <roles>\n{role_lines}  </roles>\n"
          '  <defaults classification="internal" review-months="12"/>\n'
          "</organization>\n")

    # ---------------------------------------------------------------- methodology
    lik = ["Rare", "Unlikely", "Possible", "Likely", "Almost certain"]
    imp = ["Negligible", "Minor", "Moderate", "Major", "Severe"]
    write(os.path.join(out, "risk-methodology.xml"),
          "<risk-methodology>\n  <likelihood>\n"
          + "".join(f'    <level value="{i}" label="{l}"/>\n' for i, l in enumerate(lik, 1))
          + "  </likelihood>\n  <impact>\n"
          + "".join(f'    <level value="{i}" label="{l}"/>\n' for i, l in enumerate(imp, 1))
          + "  </impact>\n  <bands>\n"
          '    <band id="low" label="Low" min="1" max="4" colour="#4c9a2a"/>\n'
          '    <band id="medium" label="Medium" min="5" max="9" colour="#e0b000"/>\n'
          '    <band id="high" label="High" min="10" max="16" colour="#e07000"/>\n'
          '    <band id="critical" label="Critical" min="17" max="25" colour="#c0282d"/>\n'
          "  </bands>\n"
          '  <acceptance max-score="8"/>\n'
          "</risk-methodology>\n")


if __name__ == "__main__":
    main()
