import type { Category } from '../../modules/catalogue/content';

export const categories: Category[] = [
  { code: 'shjz', name: '社会救助', icon: '救', description: '低保、特困供养、临时救助、医疗救助等', sort: 1 },
  { code: 'yllr', name: '养老助老', icon: '老', description: '高龄津贴、老年人优待证、养老金领取', sort: 2 },
  { code: 'cjr', name: '残疾人服务', icon: '残', description: '残疾人证、两项补贴、辅具和康复', sort: 3 },
  { code: 'sbjy', name: '社保就业', icon: '保', description: '养老保险参保、社保卡、失业登记', sort: 4 },
  { code: 'ylbz', name: '医疗保障', icon: '医', description: '医保参保缴费、报销、异地就医', sort: 5 },
  { code: 'wsjs', name: '卫生计生', icon: '卫', description: '生育登记、计生扶助、预防接种证', sort: 6 },
  { code: 'tyjr', name: '退役军人', icon: '军', description: '抚恤补助、一次性补助、伤残证件', sort: 7 },
  { code: 'hjzm', name: '户籍证件', icon: '户', description: '身份证、户口登记迁移注销、居住证', sort: 8 },
  { code: 'fltj', name: '法律调解', icon: '法', description: '法律援助、人民调解、土地纠纷调解', sort: 9 },
  { code: 'nfjs', name: '农房建设', icon: '房', description: '宅基地建房、危房改造、规划许可', sort: 10 },
  { code: 'nysh', name: '农业生活', icon: '农', description: '耕地地力保护补贴、水电气报装', sort: 11 },
];
