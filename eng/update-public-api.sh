#!/usr/bin/env bash
# Regenerates PublicAPI.Unshipped.txt of every package under src/ from the code, with the code fix of
# Microsoft.CodeAnalysis.PublicApiAnalyzers (RS0016: add a public symbol missing from the files). Run it after a
# deliberate change of the public API (or after merging branches) and review the diff of the PublicAPI.*.txt files:
# every added line is a promise to lenders. PublicAPI.Shipped.txt is left alone: it changes only at a release.
#
#   eng/update-public-api.sh            all packages under src/
#   eng/update-public-api.sh src/X/X.csproj ...   only these
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$#" -gt 0 ]; then projects=("$@"); else projects=(src/*/*.csproj); fi

for project in "${projects[@]}"; do
  dir=$(dirname "$project")
  [ -f "$dir/PublicAPI.Shipped.txt" ] || printf '#nullable enable\n' > "$dir/PublicAPI.Shipped.txt"
  # Start from an empty list, so that removed symbols (RS0017) disappear too, then let the code fix add every public
  # symbol the compiler sees.
  printf '#nullable enable\n' > "$dir/PublicAPI.Unshipped.txt"
  echo "== $project"
  dotnet format analyzers "$project" --diagnostics RS0016 --severity info --no-restore -v quiet || true
  # Keep the file stable for review: header first, then the entries sorted the way the analyzer's own fixer sorts.
  { echo '#nullable enable'; sed -e '/^#nullable enable$/d' -e '/^$/d' "$dir/PublicAPI.Unshipped.txt" | LC_ALL=C sort -u; } \
    > "$dir/PublicAPI.Unshipped.txt.tmp"
  mv "$dir/PublicAPI.Unshipped.txt.tmp" "$dir/PublicAPI.Unshipped.txt"
  echo "   $(($(wc -l < "$dir/PublicAPI.Unshipped.txt") - 1)) entries"
done

echo "== check: a build of each project must now pass the RS00xx rules"
for project in "${projects[@]}"; do
  out=$(dotnet build "$project" --no-restore -v quiet -nologo -clp:ErrorsOnly 2>&1 || true)
  if echo "$out" | grep -E "error RS00"; then echo "still failing: $project"; exit 1; fi
done
echo "ok"
