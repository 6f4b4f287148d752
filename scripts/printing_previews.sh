#!/bin/sh
# Regenerates the receipt previews shown in the README (docs/receipt-58.png, docs/receipt-80.png)
# and, with ALL=1, a preview of every demo document at both widths into docs/printing/.
set -e
cd "$(dirname "$0")/.."
KIOSK="${KIOSK:-.venv/bin/kiosk}"
for paper in 58 80; do
  "$KIOSK" print-test --printer dummy --doc receipt --paper "$paper" --preview "docs/receipt-$paper.png"
done
if [ -n "$ALL" ]; then
  mkdir -p docs/printing
  for doc in receipt handover checkin label shift; do
    for paper in 58 80; do
      "$KIOSK" print-test --printer dummy --doc "$doc" --paper "$paper" --preview "docs/printing/$doc-$paper.png"
    done
  done
fi
