// Jest compiles the app with the same preset as the Taro build, for the node test runner.
module.exports = {
  presets: [
    ['taro', { framework: 'react', ts: true, compiler: 'webpack5', targets: { node: 'current' } }],
  ],
};
