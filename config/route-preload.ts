// H5 first visit on a weak signal: the router loads a page's chunks only after app.js has run,
// and the page asks for its data only after that. A small inline script in index.html starts
// both at once for the pages villagers open first: it preloads the page's chunks and fetches
// the page's public reads, which src/api/cache.ts takes instead of asking again. A device that
// already keeps a copy skips the early read: it revalidates by ETag as usual.
import type { Compiler } from 'webpack';

interface RouteEntry {
  // Reads the page starts with; {code} is taken from the hash query.
  api: string[];
}

// Hash route → what that page reads first (home is also the empty hash).
const ROUTES: Record<string, RouteEntry> = {
  '/pages/home/index': { api: ['/api/v1/categories'] },
  '/pages/services/index': { api: ['/api/v1/categories', '/api/v1/services'] },
  '/guide/detail/index': { api: ['/api/v1/services/{code}'] },
};

interface Chunkish {
  files: Iterable<string>;
}
interface GroupOrigin {
  request?: string;
}
interface ChunkGroupish {
  origins: GroupOrigin[];
  chunks: Chunkish[];
}

function inlineScript(map: Record<string, { js: string[]; api: string[] }>, publicPath: string): string {
  return `(function(){try{var m=${JSON.stringify(map)},h=location.hash.slice(1)||'/pages/home/index',i=h.indexOf('?'),p=i<0?h:h.slice(0,i),q=new URLSearchParams(i<0?'':h.slice(i+1)),e=m[p];if(!e)return;
e.js.forEach(function(f){var l=document.createElement('link');l.rel='preload';l.as='script';l.href='${publicPath}'+f;document.head.appendChild(l)});
var s=window.__mulinPrefetch={};e.api.forEach(function(a){var u=a.replace('{code}',encodeURIComponent(q.get('code')||''));if(localStorage.getItem('mulin:cache:'+u))return;
s[u]=fetch(u,{headers:{Accept:'application/json'},credentials:'same-origin'}).then(function(r){return r.ok?r.json().then(function(d){return{status:r.status,etag:r.headers.get('etag')||undefined,data:d}}):null})['catch'](function(){return null})})}catch(x){}})();`;
}

export class RoutePreloadPlugin {
  apply(compiler: Compiler): void {
    // The same copy Taro's H5 build registers, so its hooks are the ones that run.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const HtmlWebpackPlugin = require('html-webpack-plugin');
    compiler.hooks.compilation.tap('RoutePreload', (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap('RoutePreload', (data: { headTags: unknown[] }) => {
        const map: Record<string, { js: string[]; api: string[] }> = {};
        const entry = (compilation.entrypoints.get('app')?.getFiles() ?? []).filter((f) => f.endsWith('.js'));
        for (const group of compilation.chunkGroups as unknown as ChunkGroupish[]) {
          const request = group.origins.map((o) => o.request).find((r) => r && ROUTES[r.replace(/^\./, '')]);
          if (!request) continue;
          const route = request.replace(/^\./, '');
          // app.js first: a deferred script otherwise loads at low priority behind the page's chunks.
          const js = [...entry, ...group.chunks.flatMap((c) => [...c.files].filter((f) => f.endsWith('.js')))];
          map[route] = { js, api: ROUTES[route].api };
        }
        const missing = Object.keys(ROUTES).filter((r) => !map[r]);
        if (missing.length) throw new Error(`route-preload: no chunks found for ${missing.join(', ')}`);
        const publicPath = String(compilation.outputOptions.publicPath ?? '/');
        data.headTags.unshift({ tagName: 'script', voidTag: false, meta: { plugin: 'route-preload' }, attributes: {}, innerHTML: inlineScript(map, publicPath) });
        return data;
      });
    });
  }
}
