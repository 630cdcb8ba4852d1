"""Refuses the Python test tools' environment when an installed distribution's licence is not on the allow-list.

The allow-list is the repository's (scripts/licence-gate.mjs) plus LGPL, which pySigma and its backends use: they
are test tools run from .cache/python-tools, never shipped or linked into secotel. AGPL, GPL, SSPL and BUSL are
refused. Prints one line per distribution and exits 1 naming each one refused or without a stated licence.
"""

import re
import sys
from importlib.metadata import distributions

ALLOWED = re.compile(
    r"\b(MIT|ISC|Apache|BSD|0BSD|PSF|Python Software Foundation|MPL-2\.0|Mozilla Public License 2\.0|Unlicense|"
    r"Zlib|CC0|LGPL|Lesser General Public License)",
    re.IGNORECASE,
)
REFUSED = re.compile(r"\b(AGPL|Affero|SSPL|Server Side Public|BUSL|Business Source)|(?<!L)GPL|(?<!Lesser )General Public", re.IGNORECASE)


def licence_of(dist):
    meta = dist.metadata
    texts = [meta.get("License-Expression") or "", meta.get("License") or ""]
    texts += [c for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return " | ".join(t.strip().splitlines()[0] for t in texts if t and t.strip())


def allowed(licence):
    """Whether a distribution's stated licence may be used here."""
    return bool(licence) and not REFUSED.search(licence) and bool(ALLOWED.search(licence))


def main():
    problems = []
    for dist in sorted(distributions(), key=lambda d: d.metadata["Name"].lower()):
        name, licence = f'{dist.metadata["Name"]} {dist.version}', licence_of(dist)
        print(f"{name}: {licence or '(none stated)'}")
        if not allowed(licence):
            problems.append(f"{name}: {licence or 'no licence stated'}")
    if problems:
        sys.exit("licences not allowed in the Sigma tools:\n  " + "\n  ".join(problems))


if __name__ == "__main__":
    main()
