/**
 * Slash-command names and descriptions, and the messages of `npm run commands:register`.
 * Korean is the product's first language: these descriptions are also the commands' default text.
 * Discord limits: names 1–32 lowercase characters (Hangul is allowed), descriptions 1–100 characters.
 */
export const commandsKo = {
  trade: {
    name: '거래',
    description: '매매 상담 스레드를 엽니다. 질문을 남기면 데스크가 답하고 주문을 제안합니다.',
    options: {
      ticker: { name: '종목', description: '종목 코드 또는 이름 (선택)' },
    },
  },
  portfolio: { name: '포트폴리오', description: '보유 종목, 현금, 평가금액과 손익을 보여줍니다.' },
  status: { name: '상태', description: '매매 상태(정상·축소·정지), 장 운영 시간, 연결 상태를 보여줍니다.' },
  stop: { name: '정지', description: '모든 매매를 즉시 정지합니다 (HALTED). 주문 취소만 허용됩니다.' },
  stopentry: { name: '매수중단', description: '신규 매수를 멈추고 보유 종목 매도만 허용합니다 (REDUCING).' },
  resume: { name: '재개', description: '정지·축소된 매매를 정상 상태로 되돌립니다 (ACTIVE).' },
  memory: {
    name: '기억',
    description: '데스크가 기억하는 내용을 보거나 지웁니다.',
    subcommands: {
      show: {
        name: '보기',
        description: '기억을 검색하거나 최근 기억을 보여줍니다.',
        options: { query: { name: '검색어', description: '찾을 내용 (비워 두면 최근 기억)' } },
      },
      forget: {
        name: '삭제',
        description: '기억 하나를 지웁니다.',
        options: { id: { name: '아이디', description: '지울 기억의 ID (/기억 보기에서 확인)' } },
      },
    },
  },
  cycle: {
    name: '사이클',
    description: '매일 08:00 일일 사이클을 지금 실행하거나 최근 결과를 봅니다.',
    subcommands: {
      run: { name: '실행', description: '일일 사이클을 지금 실행합니다.' },
      last: { name: '최근', description: '가장 최근 일일 사이클의 결과를 보여줍니다.' },
    },
  },
  help: { name: '도움말', description: '명령어와 사용법을 안내합니다.' },
  orders: { name: '주문', description: '미체결 주문을 보여주고 취소 버튼을 붙입니다 (취소는 승인자만).' },
  blackout: {
    name: '점검시간',
    description: 'KIS 점검 시간(주문을 보내지 않는 시간)을 보거나 추가·삭제합니다.',
    subcommands: {
      add: {
        name: '추가',
        description: '점검 시간을 추가합니다 (승인 권한 필요).',
        options: {
          from: { name: '시작', description: '시작 시각, KST (YYYY-MM-DD HH:MM 또는 HH:MM)' },
          to: { name: '끝', description: '끝 시각, KST (YYYY-MM-DD HH:MM 또는 HH:MM)' },
          reason: { name: '사유', description: '사유 (예: KIS 시스템 점검 공지)' },
        },
      },
      list: { name: '목록', description: '매일 점검 시간과 추가된 점검 시간을 보여줍니다.' },
      remove: {
        name: '삭제',
        description: '추가한 점검 시간을 지웁니다 (승인 권한 필요).',
        options: { id: { name: '번호', description: '지울 점검 시간 번호 (/점검시간 목록에서 확인)' } },
      },
    },
  },
  scorecard: {
    name: '성적표',
    description: '승인·거절한 결정이 계획(또는 무거래)보다 도움이 됐는지 원화로 보여줍니다.',
    options: {
      person: { name: '사람', description: '한 사람만 봅니다 (비워 두면 전체)' },
      period: { name: '기간', description: 'week · month · year · all · YYYY-MM · YYYY (기본: month)' },
    },
  },
  pnl: {
    name: '손익',
    description: '기간 손익(실현·평가), 수수료·세금, KODEX 200 대비 성과를 보여줍니다.',
    options: { period: { name: '기간', description: 'day · week · month · year (기본: day)' } },
  },
  backtest: {
    name: '백테스트',
    description: '이 데스크의 전략을 최근 기간의 실제 ETF 가격으로 검증합니다 (실거래와 같은 엔진·한도).',
    options: {
      months: { name: '개월', description: '최근 몇 개월 (1–120, 기본 24)' },
      capital: { name: '자본', description: '시작 자본, 원 (기본 1,000,000)' },
    },
  },
  watch: {
    name: '감시',
    description: '장중 감시 목록을 보거나 종목을 추가·삭제합니다 (실시간 시세로 매수·매도 조건 알림).',
    subcommands: {
      add: {
        name: '추가',
        description: 'ETF를 감시 목록에 추가합니다 (조건을 비워 두면 매수 조건 3개).',
        options: {
          ticker: { name: '종목', description: '종목 코드 또는 이름' },
          conditions: {
            name: '조건',
            description: '예: buy_breakout,sell_stop_loss (비워 두면 매수 조건 전부)',
          },
          thresholds: { name: '기준값', description: '예: stopLossPct=5 trailingStopPct=12 (퍼센트)' },
        },
      },
      remove: {
        name: '삭제',
        description: 'ETF를 감시 목록에서 뺍니다.',
        options: { ticker: { name: '종목', description: '종목 코드 또는 이름' } },
      },
      list: { name: '목록', description: '감시 종목의 현재가와 조건까지의 거리를 보여줍니다.' },
    },
  },
  register: {
    invalidEnvironment: '슬래시 명령을 등록할 수 없습니다. 다음 환경 변수를 확인하세요:',
    notSet: '설정되지 않음',
    notSnowflake: '숫자로 된 Discord ID(17–20자리)가 아닙니다',
    invalidArguments: '사용법: npm run commands:register -- [--api <http(s) URL>]',
    registeredToGuild: (count: number, guildId: string) =>
      `명령 ${count}개를 서버 ${guildId}에 등록했습니다 (즉시 반영).`,
    registeredGlobally: (count: number) => `명령 ${count}개를 전역으로 등록했습니다.`,
    failed: (detail: string) => `명령 등록에 실패했습니다: ${detail}`,
  },
};

export type CommandsCatalog = typeof commandsKo;
