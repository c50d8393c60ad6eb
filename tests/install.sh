# make install and make uninstall, honouring PREFIX and DESTDIR. The tree
# is staged under a temporary DESTDIR, as a packager does, and the staged
# binary is run from another folder without ISMSC_DATADIR and without the
# source tree: it must find its data at ../share/ismsc from its own folder
# (its compiled-in folder, PREFIX/share/ismsc of the default PREFIX, is not
# the staged one). `ismsc --datadir` says which folder it uses, so the test
# knows it is the staged one and not a copy installed on the machine.
# The binary under test must be the program itself (valgrind runs test a
# wrapper script, which cannot be installed in its place).
if [ "$(head -c 4 "$ISMSC" | od -An -c | tr -d ' ')" != '177ELF' ]; then
	[ -z "${VERBOSE:-}" ] || echo "skip make install: $ISMSC is not the program"
else
INST="$TMP/install"
STAGE="$INST/stage"
PFX=/opt/ismsc-test
mkdir -p "$INST"

make --no-print-directory -s install DESTDIR="$STAGE" PREFIX="$PFX" \
    INSTALL_BIN="$ISMSC" > "$INST/make.out" 2>&1
check "make install DESTDIR=... PREFIX=$PFX" test $? -eq 0
[ ! -s "$INST/make.out" ] || sed 's/^/     /' "$INST/make.out" | head -5
ROOT="$STAGE$PFX"
for f in bin/ismsc share/man/man1/ismsc.1 share/man/man5/ismsc-sources.5 \
    share/ismsc/schema/sources.rng share/ismsc/schema/layout.rng \
    share/ismsc/stylesheets/soa.xsl share/ismsc/stylesheets/common.xsl \
    share/ismsc/stylesheets/data/annex-a-2022.xml \
    share/ismsc/stylesheets/init/organization.xml \
    share/ismsc/stylesheets/init/policies/POL-01-information-security.xml \
    share/ismsc/fonts/NotoSans-Regular.ttf share/ismsc/fonts/OFL.txt; do
	check "installed $f" test -s "$ROOT/$f"
done
check "installed every stylesheet" sh -c "for x in stylesheets/*.xsl; do cmp \"\$x\" '$ROOT/share/ismsc/'\"\$x\" || exit 1; done"
check "installed every font" sh -c "for x in fonts/*; do cmp \"\$x\" '$ROOT/share/ismsc/'\"\$x\" || exit 1; done"
check "nothing installed outside PREFIX" test "$(ls "$STAGE")" = "$(echo "$PFX" | cut -d/ -f2)"
check "the installed binary is executable" test -x "$ROOT/bin/ismsc"

# the installed binary, in another folder, with nothing pointing at data
mkdir -p "$INST/elsewhere"
cp -r policies "$INST/elsewhere/isms"
got=$(cd "$INST/elsewhere" && env -u ISMSC_DATADIR "$ROOT/bin/ismsc" --datadir)
check "the installed binary uses the installed data ($got)" \
    test "$got" = "$(realpath "$ROOT/share/ismsc")"
(cd "$INST/elsewhere" && env -u ISMSC_DATADIR "$ROOT/bin/ismsc" build -q -o out isms) \
    > "$INST/build.out" 2>&1
check "the installed binary builds the example from another folder" test $? -eq 0
[ ! -s "$INST/build.out" ] || sed 's/^/     /' "$INST/build.out" | head -5
check "... and its SoA is a sound PDF" qpdf --check "$INST/elsewhere/out/statement-of-applicability.pdf"
"$ISMSC" build -q -o "$INST/elsewhere/out-tree" "$INST/elsewhere/isms"
check "... the same bytes as the source tree's ismsc makes" \
    cmp "$INST/elsewhere/out/statement-of-applicability.pdf" "$INST/elsewhere/out-tree/statement-of-applicability.pdf"
(cd "$INST/elsewhere" && env -u ISMSC_DATADIR "$ROOT/bin/ismsc" init -q new && \
    env -u ISMSC_DATADIR "$ROOT/bin/ismsc" check new) > /dev/null 2>&1
check "the installed binary scaffolds with its templates (check lists decisions)" test $? -eq 1
check "the installed binary wrote the templates" test -s "$INST/elsewhere/new/policies/POL-01-information-security.xml"
check "the installed manual pages are clean" \
    mandoc -T lint -W warning "$ROOT/share/man/man1/ismsc.1" "$ROOT/share/man/man5/ismsc-sources.5"

make --no-print-directory -s uninstall DESTDIR="$STAGE" PREFIX="$PFX" > "$INST/un.out" 2>&1
check "make uninstall" test $? -eq 0
left=$(find "$STAGE" -type f)
check "make uninstall removes every installed file" test -z "$left"
[ -z "$left" ] || printf '%s\n' "$left" | head -5 | sed 's/^/     left: /'
fi
