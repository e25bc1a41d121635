import { defineConfig, type UserConfigExport } from '@tarojs/cli';

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
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      MULIN_API_BASE: JSON.stringify(apiBase),
      MULIN_TEMPLATE_CASE_STATUS: JSON.stringify(process.env.WECHAT_TEMPLATE_CASE_STATUS ?? 'tmpl-case-status'),
    },
    alias: { '@': require('path').resolve(__dirname, '..', 'src') },
    copy: { patterns: [], options: {} },
    framework: 'react',
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
