import { fireEvent, render, screen } from '@testing-library/react';
import { VisitForm } from '../../src/admin/observation/visit-form';
import { __reset } from './stubs/taro';

const standards = {
  maxTotal: 15,
  categories: [
    {
      category: '外观标识',
      maxScore: 15,
      standards: [
        { code: 'sign-door', title: '门头标识统一规范', checks: '门头统一挂标识', maxScore: 10 },
        { code: 'sign-condition', title: '标识牌无破损褪色', checks: '标识完好', maxScore: 5 },
      ],
    },
  ],
};

beforeEach(() => __reset());

it('starts every standard at full marks, takes points off with a reason, and asks for a photo first', () => {
  render(<VisitForm standards={standards} village={{ villageCode: '511621102201', villageName: '桂花村' }} month='2026-11' onDone={() => undefined} />);
  expect(screen.getByText('外观标识（15 分）')).toBeTruthy();
  expect(screen.getByText('10 / 10 分')).toBeTruthy();
  expect(screen.getByText(/合计 15 \/ 15 分/)).toBeTruthy();
  expect(screen.queryByLabelText('门头标识统一规范扣分原因')).toBeNull();

  fireEvent.click(screen.getByLabelText('门头标识统一规范减一分'));
  fireEvent.click(screen.getByLabelText('门头标识统一规范减一分'));
  expect(screen.getByText('8 / 10 分')).toBeTruthy();
  expect(screen.getByText(/合计 13 \/ 15 分/)).toBeTruthy();
  expect(screen.getByLabelText('门头标识统一规范扣分原因')).toBeTruthy();

  fireEvent.click(screen.getByText('提交评分'));
  expect(screen.getByText('请至少拍一张现场照片')).toBeTruthy();
});
