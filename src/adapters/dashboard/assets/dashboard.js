// The dashboard page's charts: ECharts (served from node_modules, no CDN) draws the JSON the server embedded.
// Tables and "no data" are already in the HTML; this script only fills the [data-chart] boxes.
(function () {
  'use strict';

  const payload = JSON.parse(document.getElementById('dashboard-data').textContent);
  const labels = payload.labels;
  const integer = new Intl.NumberFormat(payload.numberLocale, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(payload.numberLocale, { maximumFractionDigits: 2 });
  // Korean convention: gains red, losses blue.
  const UP = '#d32f2f';
  const DOWN = '#1565c0';
  const NAV = '#37474f';
  const FLOOR = '#ef6c00';
  const FONT = '"Noto Sans KR", sans-serif';
  const KO_DAYS = ['일', '월', '화', '수', '목', '금', '토'];
  const KO_MONTHS = ['1월', '2월', '3월', '4월', '5월', '6월', '7월', '8월', '9월', '10월', '11월', '12월'];

  const money = (value) => (value === null || value === undefined ? '–' : integer.format(value));
  const grid = { left: 12, right: 16, top: 36, bottom: 24, containLabel: true };

  const builders = {
    nav() {
      const d = payload.nav;
      return {
        tooltip: { trigger: 'axis', valueFormatter: money },
        legend: { top: 0, data: [labels.nav, labels.floor] },
        grid,
        xAxis: { type: 'category', data: d.dates, boundaryGap: false },
        yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v) => integer.format(v) } },
        series: [
          {
            name: labels.nav,
            type: 'line',
            data: d.nav,
            showSymbol: false,
            lineStyle: { width: 2, color: NAV },
            itemStyle: { color: NAV },
          },
          {
            name: labels.floor,
            type: 'line',
            data: d.floor,
            showSymbol: false,
            lineStyle: { width: 1.5, type: 'dashed', color: FLOOR },
            itemStyle: { color: FLOOR },
          },
        ],
      };
    },
    drawdown() {
      const d = payload.drawdown;
      return {
        tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null ? '–' : `${percent.format(v)}%`) },
        legend: { top: 0, data: [labels.drawdown] },
        grid,
        xAxis: { type: 'category', data: d.dates, boundaryGap: false },
        yAxis: { type: 'value', max: 0, axisLabel: { formatter: '{value}%' } },
        series: [
          {
            name: labels.drawdown,
            type: 'line',
            data: d.values,
            showSymbol: false,
            lineStyle: { color: DOWN },
            itemStyle: { color: DOWN },
            areaStyle: { color: DOWN, opacity: 0.18 },
          },
        ],
      };
    },
    pnlCalendar() {
      const d = payload.pnlCalendar;
      const largest = d.days.reduce((m, day) => Math.max(m, Math.abs(day[1])), 1);
      const korean = payload.locale === 'ko';
      return {
        tooltip: { formatter: (p) => `${p.value[0]}<br>${labels.pnl}: ${money(p.value[1])}` },
        visualMap: {
          type: 'continuous',
          min: -largest,
          max: largest,
          calculable: false,
          orient: 'horizontal',
          left: 'center',
          bottom: 0,
          itemHeight: 120,
          inRange: { color: [DOWN, '#f5f5f5', UP] },
          formatter: (v) => integer.format(v),
        },
        calendar: {
          range: [d.from, d.to],
          top: 36,
          bottom: 56,
          left: 40,
          right: 16,
          cellSize: ['auto', 'auto'],
          yearLabel: { show: false },
          dayLabel: { firstDay: 1, nameMap: korean ? KO_DAYS : 'en' },
          monthLabel: { nameMap: korean ? KO_MONTHS : 'en' },
          itemStyle: { borderColor: '#e0e0e0' },
          splitLine: { lineStyle: { color: '#9e9e9e' } },
        },
        series: [{ name: labels.pnl, type: 'heatmap', coordinateSystem: 'calendar', data: d.days }],
      };
    },
    holdings() {
      return {
        tooltip: {
          trigger: 'item',
          formatter: (p) => `${p.name}<br>${money(p.value)} (${percent.format(p.percent)}%)`,
        },
        series: [
          {
            type: 'pie',
            radius: ['38%', '68%'],
            data: payload.holdings,
            label: { formatter: (p) => `${p.name}\n${percent.format(p.percent)}%` },
          },
        ],
      };
    },
    denials() {
      const rows = payload.denials.slice().reverse();
      return {
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        grid,
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: rows.map((r) => r.code) },
        series: [
          { name: labels.denials, type: 'bar', data: rows.map((r) => r.count), itemStyle: { color: FLOOR } },
        ],
      };
    },
  };

  // Canvas text does not wait for a web font: load the Korean font first (bounded), then draw.
  function fontReady() {
    if (!document.fonts || !document.fonts.load) return Promise.resolve();
    const timeout = new Promise((resolve) => setTimeout(resolve, 3000));
    return Promise.race([document.fonts.load(`12px ${FONT}`).catch(() => undefined), timeout]);
  }

  fontReady().then(() => {
    const charts = [];
    for (const box of document.querySelectorAll('[data-chart]')) {
      const build = builders[box.dataset.chart];
      if (!build) continue;
      const chart = echarts.init(box, null, { renderer: 'canvas' });
      chart.setOption(Object.assign({ animation: false, textStyle: { fontFamily: FONT } }, build()));
      box.dataset.rendered = 'true';
      charts.push(chart);
    }
    window.addEventListener('resize', () => charts.forEach((chart) => chart.resize()));
    document.body.dataset.chartsReady = 'true';
  });
})();
