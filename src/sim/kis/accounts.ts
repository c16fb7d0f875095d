import type { SimAccount } from './types';

/** A fake credential of KIS's shape (36-char key, 180-char secret) that is obviously not real. */
function fakeCredential(label: string, length: number): string {
  const body = `${label}-SIMULATOR-ONLY-NOT-A-REAL-KIS-CREDENTIAL-`;
  return body.repeat(Math.ceil(length / body.length)).slice(0, length);
}

/** One paper and one real account with 1,000,000 KRW each. The keys only work against the simulator. */
export const DEFAULT_SIM_ACCOUNTS: readonly SimAccount[] = Object.freeze(
  (
    [
      {
        appKey: fakeCredential('PSSIMPAPER', 36),
        appSecret: fakeCredential('PAPERSECRET', 180),
        environment: 'paper',
        cano: '50000001',
        productCode: '01',
        htsId: 'simpaper',
        initialCash: 1_000_000,
        positions: [],
      },
      {
        appKey: fakeCredential('PSSIMREAL', 36),
        appSecret: fakeCredential('REALSECRET', 180),
        environment: 'real',
        cano: '64000001',
        productCode: '01',
        htsId: 'simreal',
        initialCash: 1_000_000,
        positions: [],
      },
    ] satisfies SimAccount[]
  ).map((account): SimAccount => Object.freeze(account)),
);

/** KRX_FWDG_ORD_ORGNO: every paper order seen carries 00950; real accounts get a fixed branch code. */
export function orgNoFor(account: SimAccount): string {
  return account.environment === 'paper' ? '00950' : '06010';
}
