#!/usr/bin/env python3
# usage: report_net.py NETLOG.json: the URLs other than file: a page asked for
import json, re, sys
s = open(sys.argv[1], encoding="utf-8", errors="replace").read()
urls = sorted(set(u for u in re.findall(r'"url":"([^"]*)"', s) if not u.startswith("file:")))
print("requests %d %s" % (len(urls), " ".join(urls[:5])))
