import type { ServiceItem } from '../../../modules/catalogue/content';
import { items as shjzYllr } from './shjz-yllr';
import { items as cjrTyjr } from './cjr-tyjr';
import { items as sbjyNysh } from './sbjy-nysh';
import { items as ylbzWsjs } from './ylbz-wsjs';
import { items as hjzm } from './hjzm';
import { items as fltjNfjs } from './fltj-nfjs';

// The county's 56 village-level service items, one file per group of categories.
export const serviceItems: ServiceItem[] = [...shjzYllr, ...cjrTyjr, ...sbjyNysh, ...ylbzWsjs, ...hjzm, ...fltjNfjs];
