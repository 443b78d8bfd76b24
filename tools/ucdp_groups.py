#!/usr/bin/env python3
"""Rebuilds data/actors/groups-ucdp.txt from the UCDP Actor Dataset.

usage: python3 tools/ucdp_groups.py ../shared/reference/ucdp-actor-22.1.csv > data/actors/groups-ucdp.txt

Selection (ours): every organised armed non-state group of the dataset
(`Org` = 1). The dataset has no activity years, so the groups active in the
last ten years cannot be told apart from older ones: all 1,059 are kept, a
superset. Names: the dataset's short name, original name, full original
name, English name and, after a change of name, the new ones; a name with a
part in parentheses keeps the part outside them ("Military faction (Forces
of X)" keeps only "Forces of X"); placeholders ("n/a"), names of one
lowercase word and names the data format cannot hold are left out. Each
name also gets the spellings news uses for it (variants(): "Jaish" for
"Jaysh" and back, "al X" for "al-X", a long word in capitals after a
hyphen capitalised, being no acronym: "RED-Tabara").
Countries: the dataset's `Location`, as ISO 3166-1 alpha-3 codes of
data/actors/countries.txt, in the dataset's order; a group in more than four
countries gets "-" first (transnational: no country of its own).
Ids: a slug of the English name, or of the short name when that is an
acronym; ids the project used before it had this file are kept (ID_KEEP).
Spellings, acronyms and transliterations that news uses, and groups newer
than the dataset, are in data/actors/groups.txt (hand-written), which can
also replace a group's countries. Output is sorted by id, so the file only
changes when the dataset or this tool does."""
import csv
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
COUNTRIES = os.path.join(HERE, '..', 'data', 'actors', 'countries.txt')

# UCDP location names that are not (or not the same) names in countries.txt
LOCATION = {
    'Congo': 'COG', 'DR Congo (Zaire)': 'COD', 'Hyderabad': 'IND', 'South Vietnam': 'VNM',
    'South Yemen': 'YEM', 'Yemen (North Yemen)': 'YEM', 'Vietnam (North Vietnam)': 'VNM',
    'Russia (Soviet Union)': 'RUS', 'Serbia (Yugoslavia)': 'SRB', 'Zimbabwe (Rhodesia)': 'ZWE',
    'Madagascar (Malagasy)': 'MDG', 'Myanmar (Burma)': 'MMR', 'Cambodia (Kampuchea)': 'KHM',
    'Georgia': 'GEO', 'Jordan': 'JOR', 'Chad': 'TCD', 'United States of America': 'USA',
}

# UCDP ActorId -> the id the project gave the group before this file existed
ID_KEEP = {
    '234': 'islamic-state', '303': 'taliban', '356': 'ttp', '539': 'aqim', '717': 'al-shabaab',
    '209': 'hamas', '366': 'hezbollah', '1160': 'm23', '6716': 'jnim', '323': 'pkk', '208': 'pij',
    '207': 'fatah', '410': 'tplf', '743': 'farc', '744': 'eln', '881': 'aqap', '769': 'al-qaeda',
    '1091': 'houthis', '1051': 'boko-haram', '6288': 'syr-sdf', '1170': 'hts', '489': 'adf',
}

# UCDP actors that the project codes otherwise: governments of federal member
# states are state forces of their country (forces.txt), not armed groups
SKIP = {'671'}  # Puntland State of Somalia


def country_codes():
    """name -> ISO code, from countries.txt."""
    codes = {}
    for line in open(COUNTRIES, encoding='utf-8'):
        line = line.split('#', 1)[0].strip()
        if not line:
            continue
        f = [x.strip() for x in line.split('|')]
        for name in f[1].split(';'):
            name = name.strip().lstrip('~').strip()
            if name:
                codes.setdefault(name, f[0])
    return codes


def slug(s):
    s = unicodedata.normalize('NFKD', s).encode('ascii', 'ignore').decode().lower()
    s = re.sub(r"['’.]", '', s)
    return re.sub(r'[^a-z0-9]+', '-', s).strip('-')


def clean(name):
    """A name as the data format can hold it, or None."""
    name = name.replace('’', "'").replace('‘', "'").replace('\u00a0', ' ')
    inner = re.findall(r'\(([^()]*)\)', name)
    outer = re.sub(r'\([^()]*\)', ' ', name)
    if re.match(r'\s*Military faction\b', outer, re.I) and inner:
        outer = inner[0]  # "Military faction (Forces of X)": the forces of X
    name = re.sub(r'\s+', ' ', outer).strip(' -,')
    if not name or name.lower() in ('n/a', 'na', 'unknown'):
        return None
    if any(c in name for c in '|;#()[]'):
        return None
    if ' ' not in name and name == name.lower():
        return None  # one lowercase word would match common text
    if len(name.split()) > 24 or any(len(w.encode()) > 40 for w in re.split(r"[\s'-]+", name)):
        return None  # the matcher keeps words of up to 40 bytes
    return name


# transliterations of one Arabic word that news writes either way
TRANSLIT = [('Jaysh', 'Jaish'), ('Jaish', 'Jaysh'), ('Kataib', "Kata'ib"), ("Kata'ib", 'Kataib')]


def variants(name):
    """The name and the spellings news writes it with, the name first."""
    out = [name]
    def add(v):
        if v not in out:
            out.append(v)
    for a, b in TRANSLIT:
        if re.search(r'\b' + re.escape(a) + r'\b', name):
            add(re.sub(r'\b' + re.escape(a) + r'\b', b, name))
    for v in list(out):
        if re.search(r'\b[Aa]l-\w', v):
            add(re.sub(r'\b([Aa]l)-(?=\w)', r'\1 ', v))
    # a word in capitals of six letters or more after a hyphen is no
    # acronym: "RED-TABARA" is written "RED-Tabara" too
    for v in list(out):
        if re.search(r'-[A-Z]{6,}\b', v):
            add(re.sub(r'-([A-Z])([A-Z]{5,})\b', lambda m: '-' + m.group(1) + m.group(2).lower(), v))
    return out


def split_names(field):
    """The names of a field: UCDP separates successive names by commas."""
    return [x for x in re.split(r',\s*(?![^()]*\))', field) if x.strip()]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.split('\n\n')[1])
    codes = country_codes()
    rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig')))
    out = {}
    for r in rows:
        if r['Org'].strip() != '1':
            continue
        if r['ActorId'].strip() in SKIP:
            continue
        names = []
        used = {clean(x) for k in ('NameData', 'NewName', 'NameOrig') for x in split_names(r[k])}
        for key in ('NameOrigFullEng', 'NewNameFullEng', 'NameData', 'NewName', 'NameOrig', 'NameOrigFull',
                    'NewNameFullMotherTongue'):
            # after a change of name the field lists the names in turn, by commas
            for part in split_names(r.get(key) or ''):
                n = clean(part)
                # a translation of one or two words ("The Base", "Union",
                # "Islamic Party") names nothing in English text
                if n and key.endswith('Eng') and n not in used and len(re.sub(r'^the ', '', n, flags=re.I).split()) <= 2:
                    continue
                for v in variants(n) if n else []:
                    if v not in names:
                        names.append(v)
        if not names:
            continue
        # the display name: English, the latest name after a change
        new = [clean(x) for x in split_names(r['NewNameFullEng'])]
        new = [x for x in new if x]
        eng = new[-1] if r['NameChange'].strip() == '1' and new else clean(r['NameOrigFullEng'])
        if eng in names:
            names.remove(eng)
            names.insert(0, eng)
        gid = ID_KEEP.get(r['ActorId'].strip()) or slug(r['NameData']) or slug(names[0])
        if not gid:
            continue
        locs = []
        for loc in re.split(r',\s*(?![^()]*\))', r['Location']):
            loc = loc.strip()
            if not loc:
                continue
            c = LOCATION.get(loc) or codes.get(loc) or codes.get(re.sub(r'\s*\(.*\)', '', loc))
            if not c:
                sys.exit(f'ucdp_groups: unknown location {loc!r} (add it to LOCATION)')
            if c not in locs:
                locs.append(c)
        if len(locs) > 4:
            locs.insert(0, '-')
        if gid in out:  # two actors of one slug: the second by its UCDP number
            gid = f'{gid}-ucdp{r["ActorId"].strip()}'
        out[gid] = (names, locs or ['-'])
    print('# groups-ucdp.txt: organised armed groups of the UCDP Actor Dataset.')
    print('#')
    print('# GENERATED by tools/ucdp_groups.py from ucdp-actor-22.1.csv: do not edit;')
    print('# add spellings, acronyms and new groups to groups.txt instead.')
    print('#')
    print('# Source and licence: Uppsala Conflict Data Program (UCDP), UCDP Actor Dataset')
    print('# version 22.1, Department of Peace and Conflict Research, Uppsala University.')
    print('# Licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).')
    print('# Names and countries are the dataset\'s; the selection, ids and codes are ours')
    print('# (see the tool).')
    print('#')
    print('# HOW TO EDIT: do not; see groups.txt (same format) and tools/ucdp_groups.py.')
    print('#   id | names | countries | sector')
    print('#   countries: ISO codes separated by ;, the first is the group\'s own ("-": none).')
    print()
    for gid in sorted(out):
        names, locs = out[gid]
        print(f'{gid} | {"; ".join(names)} | {"; ".join(locs)} | REB')


if __name__ == '__main__':
    main()
