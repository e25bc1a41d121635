import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import { RoutePreloadPlugin } from './route-preload';

// The API base URL is a build setting: H5 is served by the API server itself (same origin),
// the mini-program needs an absolute HTTPS URL (MULIN_API_BASE) in production.
const apiBase = process.env.MULIN_API_BASE ?? (process.env.TARO_ENV === 'h5' ? '' : 'http://127.0.0.1:3000');

export default defineConfig<'webpack5'>((merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'mulin',
    date: '2026-11-28',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: process.env.MULIN_OUT ?? `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      MULIN_API_BASE: JSON.stringify(apiBase),
      MULIN_TEMPLATE_CASE_STATUS: JSON.stringify(process.env.WECHAT_TEMPLATE_CASE_STATUS ?? 'tmpl-case-status'),
      // Empty when not configured: then the app asks for no reminder subscription.
      MULIN_TEMPLATE_ACTIVITY_REMINDER: JSON.stringify(process.env.WECHAT_TEMPLATE_ACTIVITY_REMINDER ?? ''),
    },
    alias: { '@': require('path').resolve(__dirname, '..', 'src') },
    copy: { patterns: [], options: {} },
    // H5 runs on Preact (36 KB less gzip on every first visit); the mini-program keeps React.
    framework: process.env.TARO_ENV === 'h5' ? 'preact' : 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    sass: {},
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      sassLoaderOption: { sassOptions: { silenceDeprecations: ['import', 'slash-div', 'global-builtin', 'color-functions'] } },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      sassLoaderOption: { sassOptions: { silenceDeprecations: ['import', 'slash-div', 'global-builtin', 'color-functions'] } },
      webpackChain(chain) {
        // Taro splits only the initial chunks, so every lazily loaded page carried its own copy of
        // the web components; modules that two pages share go to shared chunks instead.
        chain.optimization.splitChunks({
          chunks: 'all',
          minSize: 20_000,
          cacheGroups: { default: false, defaultVendors: false, shared: { minChunks: 2, reuseExistingChunk: true } },
        });
        chain.plugin('route-preload').use(RoutePreloadPlugin);
      },
    },
  };
  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, { mini: {}, h5: {} });
  }
  return merge({}, baseConfig, {
    mini: { optimizeMainPackage: { enable: true } },
    h5: {},
  });
});
