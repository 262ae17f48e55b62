import { useMoneyFormat } from '../common/format';
import type { PortfolioRow } from './types';

/** A portfolio row's amounts, one per currency in alphabetical order. */
export function usePortfolioAmounts(): (row: PortfolioRow) => string {
  const money = useMoneyFormat();
  return (row) =>
    Object.entries(row.amounts)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, amount]) => money(amount, currency))
      .join(' · ');
}
