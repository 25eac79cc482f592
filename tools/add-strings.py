#!/usr/bin/env python3
"""Adds (or replaces) strings in the three resource files.

Usage: tools/add-strings.py --section NAME strings.tsv   (lines: Key<TAB>kk<TAB>ru<TAB>en)
New keys go before the section's marker comment (opportunities, applications, attendance, certificates, other),
so work on different features does not touch the same lines; existing keys get their new values.
"""
import html
import re
import sys
from pathlib import Path

folder = Path(__file__).resolve().parent.parent / "src/Birge.Web/Localization"
files = {"kk": folder / "SharedResource.kk.resx", "ru": folder / "SharedResource.ru.resx", "en": folder / "SharedResource.en.resx"}

if len(sys.argv) != 4 or sys.argv[1] != "--section":
    sys.exit(__doc__)
section = sys.argv[2]
rows = []
for line in Path(sys.argv[3]).read_text(encoding="utf-8").splitlines():
    if not line.strip() or line.startswith("#"):
        continue
    parts = line.split("\t")
    if len(parts) != 4 or not all(p.strip() for p in parts):
        sys.exit(f"need Key<TAB>kk<TAB>ru<TAB>en: {line!r}")
    rows.append(parts)

for index, (lang, path) in enumerate(files.items(), start=1):
    text = path.read_text(encoding="utf-8")
    for row in rows:
        key, value = row[0], html.escape(row[index], quote=False)
        element = f'  <data name="{key}" xml:space="preserve"><value>{value}</value></data>'
        pattern = re.compile(rf'^  <data name="{re.escape(key)}" xml:space="preserve">.*?</data>$', re.M | re.S)
        if pattern.search(text):
            text = pattern.sub(lambda _: element, text, count=1)
        else:
            marker = f"  <!-- strings of {section} ("
            if marker not in text:
                sys.exit(f"no section {section} in {path.name}")
            text = text.replace(marker, element + "\n" + marker, 1)
    path.write_text(text, encoding="utf-8")
print(f"{len(rows)} strings in kk, ru, en")
