#!/bin/sh
# The FOP peer, as the peer benchmark's fop/render.sh runs it, with the FOP
# configuration taken from $FOP_XCONF instead of fop/fop.xconf: that file is
# written by the peers' run.sh into their own (possibly read-only) folder,
# whereas bench/run.sh writes it under bench/out/. The stylesheet is the
# peers' own, used in place.
# usage: FOP_XCONF=... PEERS=... fop-render.sh DOC DATA.xml OUT.pdf
set -e
xsltproc --stringparam doc "$1" -o "$3.fo" "$PEERS/fop/isms2fo.xsl" "$2"
exec fop -q -c "$FOP_XCONF" -fo "$3.fo" -pdf "$3"
