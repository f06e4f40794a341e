import fs from 'fs';
import {feature} from 'topojson-client';
import {geoConicEqualArea, geoPath} from 'd3-geo';
const topo = JSON.parse(fs.readFileSync('node_modules/us-atlas/counties-10m.json'));
const ver = JSON.parse(fs.readFileSync('node_modules/us-atlas/package.json')).version;
const geoms = topo.objects.counties.geometries.filter(g => String(g.id).startsWith('06'));
const fc = feature(topo, {type:'GeometryCollection', geometries: geoms});
const W=400,H=460,P=4;
const proj = geoConicEqualArea().parallels([34,40.5]).rotate([120,0]).fitExtent([[P,P],[W-P,H-P]], fc);
const path = geoPath(proj).digits(1);
const counties = fc.features.map(f => ({fips: String(f.id), name: f.properties.name, path: path(f)}))
  .sort((a,b)=>a.name.localeCompare(b.name));
const out = {source: `us-atlas@${ver} (npm; ISC licence, Copyright 2013-2019 Michael Bostock) - TopoJSON counties-10m.json derived from U.S. Census Bureau cartographic boundary files (cb), 2017 edition (US Government public domain). Projection: d3-geo geoConicEqualArea parallels [34,40.5] rotate [120,0] fitted to 400x460 with 4px padding.`,
  viewBox: `0 0 ${W} ${H}`, counties};
fs.writeFileSync('california-counties.json', JSON.stringify(out));
const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W*2}" height="${H*2}"><rect width="100%" height="100%" fill="#fff"/>`+
  counties.map((c,i)=>`<path d="${c.path}" fill="hsl(${(i*47)%360},50%,80%)" stroke="#333" stroke-width="0.4"><title>${c.name}</title></path>`).join('')+
  counties.map(c=>{const f=fc.features.find(x=>String(x.id)===c.fips);const [x,y]=path.centroid(f);return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="5" text-anchor="middle" font-family="sans-serif">${c.name}</text>`}).join('')+`</svg>`;
fs.writeFileSync('preview.svg', svg);
console.log(counties.length, fs.statSync('california-counties.json').size);
console.log(counties.map(c=>c.fips+' '+c.name).join('\n'));
