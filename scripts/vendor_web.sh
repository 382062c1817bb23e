#!/bin/sh
# Re-create src/frontwatch/web/static/vendor/ from the npm registry (build time only; the UI never fetches anything).
# leaflet 1.9.4 (BSD-2-Clause), topojson-client 3.1.0 (ISC), world-atlas 2.0.2 (ISC; Natural Earth, public domain),
# swagger-ui-dist 5.35.0 (Apache-2.0, for the offline /docs page).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
vendor="$here/src/frontwatch/web/static/vendor"
work=$(mktemp -d)
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund leaflet@1.9.4 topojson-client@3.1.0 world-atlas@2.0.2 swagger-ui-dist@5.35.0 >/dev/null
m=node_modules
cp $m/leaflet/dist/leaflet.js $m/leaflet/dist/leaflet.css "$vendor/"
cp $m/topojson-client/dist/topojson-client.min.js $m/world-atlas/countries-50m.json "$vendor/"
cp $m/swagger-ui-dist/swagger-ui-bundle.js $m/swagger-ui-dist/swagger-ui.css "$vendor/"
cp $m/leaflet/LICENSE "$vendor/LICENSE.leaflet"
cp $m/topojson-client/LICENSE "$vendor/LICENSE.topojson-client"
cp $m/world-atlas/LICENSE "$vendor/LICENSE.world-atlas"
cp $m/swagger-ui-dist/LICENSE "$vendor/LICENSE.swagger-ui"
rm -rf "$work"
