#!/usr/bin/env python3
"""Run newsclaims over a partitioned collection on a Dask cluster.

Each partition goes through the newsclaims binary on a worker: a JSON Lines
partition (one file of the collection) is piped into `newsclaims --jsonl -`,
a WARC or WET file is given to `newsclaims FILE`. The records come back in
the partition's order, partitions in the collection's order, and are
written as JSON Lines. newsclaims' own contract does the rest: one record
per input line (blank lines give none), exit status 0, or 1 when some input
has an error record (kept), anything else fails the task.

usage:
  newsclaims_dask.py [--scheduler ADDRESS | --local-workers N]
                     [--binary PATH] [-o OUT.jsonl] [--warc]
                     INPUT... [-- NEWSCLAIMS-OPTIONS...]

INPUT: JSON Lines files (.jsonl, .jsonl.gz) or folders of them, one
partition per file; with --warc, WARC/WET files or folders of them, one
partition per file. NEWSCLAIMS-OPTIONS are passed on (e.g. --keep-fields all
--with-text); --jobs 1 is added, Dask gives the parallelism.

Without --scheduler a distributed.LocalCluster with --local-workers worker
processes (default 2) runs here.
"""
import argparse
import gzip
import os
import subprocess
import sys

import dask.bag as db
from distributed import Client, LocalCluster


def partition_files(inputs, suffixes):
    files = []
    for p in inputs:
        if os.path.isdir(p):
            for root, _, names in sorted(os.walk(p)):
                files += [os.path.join(root, n) for n in sorted(names) if n.endswith(suffixes)]
        else:
            files.append(p)
    return files


def run(cmd, data=None):
    """Runs newsclaims; its records as a list of lines (without newlines)."""
    proc = subprocess.run(cmd, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode not in (0, 1):
        raise RuntimeError("%s exited %d: %s" % (" ".join(cmd), proc.returncode,
                                                 proc.stderr.decode("utf-8", "replace")[-2000:]))
    return proc.stdout.decode("utf-8").splitlines()


def jsonl_partition(path, binary, options):
    """One JSON Lines file, piped through the binary (so any file system the
    workers can read works the same, and the binary sees only a stream)."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    return run([binary, "--jsonl", "--jobs", "1"] + options + ["-"], data)


def warc_partition(path, binary, options):
    return run([binary, "--jobs", "1"] + options + [path])


def main(argv):
    extra = []
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1:]
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler")
    ap.add_argument("--local-workers", type=int, default=2)
    ap.add_argument("--binary", default="newsclaims", help="the newsclaims binary, as the workers find it")
    ap.add_argument("--warc", action="store_true", help="the inputs are WARC/WET files")
    ap.add_argument("-o", "--output", help="write the records here (default: standard output)")
    args = ap.parse_args(argv)

    if args.warc:
        files = partition_files(args.inputs, (".warc", ".warc.gz", ".wet", ".wet.gz"))
        task = warc_partition
    else:
        files = partition_files(args.inputs, (".jsonl", ".jsonl.gz"))
        task = jsonl_partition
    if not files:
        sys.exit("newsclaims_dask: no input files")

    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.local_workers, threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        bag = db.from_sequence(files, npartitions=len(files)).map(task, args.binary, extra).flatten()
        out = open(args.output, "w") if args.output else sys.stdout
        n = 0
        # all partitions run at once; their records are written in order
        futures = client.compute(bag.to_delayed())
        for future in futures:
            for line in future.result():
                out.write(line + "\n")
                n += 1
            future.release()
        if args.output:
            out.close()
        print("newsclaims_dask: %d records from %d partitions on %d workers"
              % (n, len(files), len(client.scheduler_info()["workers"])), file=sys.stderr)
    finally:
        client.close()
        if not args.scheduler:
            cluster.close()


if __name__ == "__main__":
    main(sys.argv[1:])
