/*
 * Cockpit plugin « Indicateurs référent de parcours » (Camunda 7 front-end plugin, plain ES module,
 * no build step). Served by the application from plugin-webapp/indicateurs/app/ (class path), loaded
 * by Cockpit from /camunda/api/cockpit/plugin/indicateurs/static/app/plugin.js.
 *
 * Shows the national follow-up indicators of a département against their targets, per territory
 * (all territories in one request), with the operational figures, for a period, and each indicator's
 * monthly trend over the last 12 months (plain SVG line charts, target dashed). Data: the plugin's REST
 * resource (…/api/cockpit/plugin/indicateurs/<engine>/indicators, …/territories, …/trend), which reads
 * the Cockpit session and applies the same rules and figures as GET /api/indicators.
 */

const PLUGIN = 'indicateurs';
const ROUTE = '/indicateurs';

const RATES = ['coverage', 'trainedInterveners', 'partnerAttendance', 'personAttendance', 'positiveEvolution'];
const COUNTS = ['personsAccompanied', 'partners'];
const BY_TERRITORY = ['coverage', 'partnerAttendance', 'personAttendance', 'positiveEvolution'];
const TREND_MONTHS = 12;
const SVG = 'http://www.w3.org/2000/svg';

const number = new Intl.NumberFormat('fr-FR');
const decimal = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (value === undefined || value === null || value === false) return;
    if (name === 'style') node.setAttribute('style', value);
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  });
  children.flat().forEach((child) => {
    if (child === undefined || child === null || child === false) return;
    node.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  });
  return node;
}

function svg(tag, attributes, ...children) {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (value !== undefined && value !== null) node.setAttribute(name, value);
  });
  children.flat().forEach((child) => {
    if (child === undefined || child === null || child === false) return;
    node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  });
  return node;
}

function percent(value) {
  return value === null || value === undefined ? '—' : `${decimal.format(value)} %`;
}

function formatNumber(value) {
  return value === null || value === undefined ? '—' : number.format(value);
}

function isoDate(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The period presets; the default is the last twelve months. */
function presets() {
  const today = new Date();
  const year = today.getFullYear();
  const yearAgo = new Date(today);
  yearAgo.setFullYear(year - 1);
  yearAgo.setDate(yearAgo.getDate() + 1);
  return {
    last12: { label: '12 derniers mois', from: isoDate(yearAgo), to: isoDate(today) },
    thisYear: { label: `Année ${year}`, from: `${year}-01-01`, to: isoDate(today) },
    lastYear: { label: `Année ${year - 1}`, from: `${year - 1}-01-01`, to: `${year - 1}-12-31` },
    all: { label: "Tout l'historique", from: '', to: '' },
    custom: { label: 'Période choisie', from: null, to: null },
  };
}

function apiBase(api) {
  const base = document.querySelector('base');
  const cockpitApi = (api && api.cockpitApi) || (base && base.getAttribute('cockpit-api') || '/camunda/api/cockpit/').replace(/\/$/, '');
  const engine = (api && api.engine) || 'default';
  return `${cockpitApi}/plugin/${PLUGIN}/${engine}/indicators`;
}

async function getJson(url) {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null;
  }
  if (!response.ok) {
    const error = new Error((body && body.message) || `Erreur ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

function query(state, territory) {
  const params = new URLSearchParams();
  params.set('tenant', state.tenant);
  if (territory) params.set('territory', territory);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  return params.toString();
}

// --- charts

/** A horizontal bar: the value against the target (a marker). */
function bar(value, target, small) {
  const width = value === null || value === undefined ? 0 : Math.max(0, Math.min(100, value));
  const reached = target !== null && target !== undefined && value !== null && value !== undefined && value >= target;
  return el('div', { class: `rp-ind-bar${small ? ' rp-ind-bar-small' : ''}` },
    el('div', { class: `rp-ind-fill${reached ? ' rp-ind-reached' : ''}`, style: `width:${width}%` }),
    target !== null && target !== undefined
      ? el('div', { class: 'rp-ind-target', style: `left:${Math.min(100, target)}%`, title: `Cible ${percent(target)}` })
      : null);
}

function rateCard(indicator) {
  const hasTarget = indicator.target !== null && indicator.target !== undefined;
  return el('div', {
    class: 'rp-ind-card rp-ind-rate',
    'data-indicator': indicator.code,
    title: indicator.definition,
  },
  el('div', { class: 'rp-ind-label' }, indicator.label),
  el('div', { class: 'rp-ind-figures' },
    el('span', { class: 'rp-ind-value' }, percent(indicator.value)),
    el('span', { class: 'rp-ind-fraction' }, `${formatNumber(indicator.numerator)} / ${formatNumber(indicator.denominator)}`),
    el('span', { class: 'rp-ind-target-label' }, hasTarget ? `cible ${percent(indicator.target)}` : 'sans cible nationale')),
  bar(indicator.value, indicator.target),
  indicator.details && indicator.details.length
    ? el('div', { class: 'rp-ind-details' }, indicator.details.join(', '))
    : null);
}

function countCard(indicator) {
  return el('div', { class: 'rp-ind-card rp-ind-count', 'data-indicator': indicator.code, title: indicator.definition },
    el('div', { class: 'rp-ind-label' }, indicator.label),
    el('div', { class: 'rp-ind-figures' },
      el('span', { class: 'rp-ind-value' }, formatNumber(indicator.value)),
      el('span', { class: 'rp-ind-unit' }, indicator.unit)),
    indicator.details && indicator.details.length
      ? el('ul', { class: 'rp-ind-list' }, indicator.details.map((d) => el('li', null, d)))
      : null);
}

function figureCard(code, label, value, unit) {
  return el('div', { class: 'rp-ind-card rp-ind-figure', 'data-figure': code },
    el('div', { class: 'rp-ind-label' }, label),
    el('div', { class: 'rp-ind-figures' },
      el('span', { class: 'rp-ind-number' }, value === null || value === undefined ? '—'
        : (Number.isInteger(value) ? formatNumber(value) : decimal.format(value))),
      el('span', { class: 'rp-ind-unit' }, unit)));
}

function stepsChart(steps) {
  if (!steps.length) return el('p', { class: 'rp-ind-empty' }, 'Aucun dossier ouvert en fin de période.');
  const max = Math.max(...steps.map((s) => s.cases));
  return el('div', { class: 'rp-ind-steps' }, steps.map((step) => el('div', { class: 'rp-ind-step', 'data-step': step.taskKey },
    el('span', { class: 'rp-ind-step-name' }, step.name),
    el('span', { class: 'rp-ind-step-bar' }, el('span', { class: 'rp-ind-step-fill', style: `width:${(100 * step.cases) / max}%` })),
    el('span', { class: 'rp-ind-step-count' }, formatNumber(step.cases)))));
}

/**
 * « Évolution sur 12 mois »: one indicator's monthly values as a line (a month without a value,
 * denominator 0, breaks the line), French month labels, the target as a dashed line with its label.
 * Rates on a 0–100 % scale; counts from 0 to their maximum.
 */
function trendChart(trend) {
  const width = 340;
  const height = 170;
  const left = 38;
  const right = 10;
  const top = 14;
  const bottom = 28;
  const isRate = trend.unit === '%';
  const values = trend.months.map((m) => (m.value === null || m.value === undefined ? null : Number(m.value)));
  const known = values.filter((v) => v !== null);
  const hasTarget = trend.target !== null && trend.target !== undefined;
  const max = isRate ? 100 : Math.max(1, ...known, hasTarget ? trend.target : 0);
  const x = (i) => left + ((width - left - right) * i) / Math.max(1, trend.months.length - 1);
  const y = (v) => top + (height - top - bottom) * (1 - v / max);
  const monthLabel = new Intl.DateTimeFormat('fr-FR', { month: 'short' });
  const monthLong = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric' });
  const shown = (v) => (isRate ? percent(v) : `${formatNumber(v)} ${trend.unit}`);

  const grid = (isRate ? [0, 50, 100] : [0, max]).map((v) => svg('g', { class: 'rp-ind-trend-grid' },
    svg('line', { x1: left, x2: width - right, y1: y(v), y2: y(v) }),
    svg('text', { x: left - 4, y: y(v) + 3, 'text-anchor': 'end' }, isRate ? `${v} %` : formatNumber(v))));
  // the line, broken where a month has no value
  const segments = [];
  let current = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) segments.push(current);
      current = [];
    } else {
      current.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    }
  });
  if (current.length) segments.push(current);
  const months = trend.months.map((m, i) => {
    const date = new Date(`${m.from}T00:00`);
    const label = monthLabel.format(date).replace('.', '');
    const value = values[i];
    return svg('g', { class: 'rp-ind-trend-month', 'data-month': m.month, 'data-value': value === null ? '' : String(value) },
      svg('text', { class: 'rp-ind-trend-label', x: x(i), y: height - bottom + 14, 'text-anchor': 'middle' },
        i === 0 || date.getMonth() === 0 ? [label, svg('tspan', { x: x(i), dy: 11 }, String(date.getFullYear()))] : label),
      value === null ? null : svg('circle', { class: 'rp-ind-trend-point', cx: x(i), cy: y(value), r: 3 },
        svg('title', null, `${monthLong.format(date)} : ${shown(value)}${isRate ? ` (${formatNumber(m.numerator)} / ${formatNumber(m.denominator)})` : ''}`)));
  });
  const target = hasTarget ? svg('g', { class: 'rp-ind-trend-target', 'data-target': String(trend.target) },
    svg('line', { x1: left, x2: width - right, y1: y(trend.target), y2: y(trend.target), 'stroke-dasharray': '5 4' }),
    svg('text', { x: width - right, y: y(trend.target) - 4, 'text-anchor': 'end' }, `cible ${percent(trend.target)}`)) : null;

  return el('figure', { class: 'rp-ind-trend', 'data-trend': trend.indicator },
    el('figcaption', null, trend.label),
    svg('svg', { viewBox: `0 0 ${width} ${height + 10}`, role: 'img',
      'aria-label': `${trend.label} : évolution sur ${trend.months.length} mois${hasTarget ? `, cible ${percent(trend.target)}` : ''}` },
    grid, target,
    segments.map((points) => svg('polyline', { class: 'rp-ind-trend-line', points: points.join(' ') })),
    months),
    known.length ? null : el('p', { class: 'rp-ind-empty' }, 'Aucune valeur sur la période.'));
}

function territoryTable(territories, reports) {
  const head = el('tr', null, el('th', null, 'Territoire'), el('th', null, 'Personnes accompagnées'),
    BY_TERRITORY.map((code) => el('th', null, reports[0].indicator(code).label)));
  const rows = territories.map((territory, i) => {
    const report = reports[i];
    return el('tr', { 'data-territory': territory.code },
      el('td', null, territory.name, el('div', { class: 'rp-ind-muted' }, `${formatNumber(territory.population)} hab.`)),
      el('td', { class: 'rp-ind-num' }, formatNumber(report.indicator('personsAccompanied').value)),
      BY_TERRITORY.map((code) => {
        const indicator = report.indicator(code);
        return el('td', { 'data-indicator': code },
          el('div', { class: 'rp-ind-cell' },
            el('span', { class: 'rp-ind-value' }, percent(indicator.value)),
            el('span', { class: 'rp-ind-fraction' }, `${formatNumber(indicator.numerator)} / ${formatNumber(indicator.denominator)}`)),
          bar(indicator.value, indicator.target, true));
      }));
  });
  return el('table', { class: 'rp-ind-table' }, el('thead', null, head), el('tbody', null, rows));
}

function withLookup(report) {
  report.indicator = (code) => report.indicators.find((i) => i.code === code);
  return report;
}

// --- the view

function mount(node, api, options) {
  const base = apiBase(api);
  const root = el('section', { class: 'rp-ind', 'data-plugin': PLUGIN });
  node.appendChild(root);
  const state = { tenant: null, territory: '', preset: 'last12', from: null, to: null, scope: null, seq: 0 };
  const periods = presets();
  state.from = periods.last12.from;
  state.to = periods.last12.to;

  const content = el('div', { class: 'rp-ind-content' });
  const status = el('div', { class: 'rp-ind-status', role: 'status' }, 'Chargement des indicateurs…');
  root.appendChild(el('header', { class: 'rp-ind-header' },
    el('h2', null, 'Indicateurs référent de parcours'),
    options.compact ? el('a', { href: `#${ROUTE}`, class: 'rp-ind-link' }, 'Ouvrir la page des indicateurs') : null,
    el('p', { class: 'rp-ind-muted' },
      'Indicateurs de suivi national de la démarche, calculés sur l’historique des parcours, face à leurs cibles.')));
  const filters = el('form', { class: 'rp-ind-filters', onsubmit: (e) => e.preventDefault() });
  root.appendChild(filters);
  root.appendChild(status);
  root.appendChild(content);

  function renderFilters() {
    filters.innerHTML = '';
    const tenants = state.scope.tenants;
    const tenant = tenants.find((t) => t.id === state.tenant);
    const tenantSelect = el('select', { name: 'tenant', onchange: (e) => { state.tenant = e.target.value; state.territory = ''; renderFilters(); load(); } },
      tenants.map((t) => el('option', { value: t.id, selected: t.id === state.tenant }, t.name)));
    const territorySelect = el('select', { name: 'territory', onchange: (e) => { state.territory = e.target.value; load(); } },
      el('option', { value: '', selected: state.territory === '' }, 'Tous les territoires'),
      tenant.territories.map((t) => el('option', { value: t.code, selected: t.code === state.territory }, t.name)));
    const presetSelect = el('select', { name: 'period', onchange: (e) => {
      state.preset = e.target.value;
      if (state.preset !== 'custom') {
        state.from = periods[state.preset].from;
        state.to = periods[state.preset].to;
      }
      renderFilters();
      load();
    } }, Object.entries(periods).map(([key, p]) => el('option', { value: key, selected: key === state.preset }, p.label)));
    const dateInput = (name, value) => el('input', { type: 'date', name, value: value || '', onchange: (e) => {
      state[name] = e.target.value;
      state.preset = 'custom';
      presetSelect.value = 'custom';
      load();
    } });
    const csv = el('a', { class: 'rp-ind-csv btn btn-default', href: `${base}?${query(state, state.territory)}&format=csv`, download: '' },
      'Télécharger (CSV)');
    filters.append(
      el('label', null, 'Département ', tenantSelect),
      el('label', null, 'Territoire ', territorySelect),
      el('label', null, 'Période ', presetSelect),
      el('label', null, 'Du ', dateInput('from', state.from)),
      el('label', null, 'au ', dateInput('to', state.to)),
      csv);
  }

  async function load() {
    const seq = ++state.seq;
    const csv = filters.querySelector('.rp-ind-csv');
    if (csv) csv.setAttribute('href', `${base}?${query(state, state.territory)}&format=csv`);
    status.textContent = 'Chargement des indicateurs…';
    status.className = 'rp-ind-status';
    root.setAttribute('data-state', 'loading');
    try {
      const tenant = state.scope.tenants.find((t) => t.id === state.tenant);
      const wantsTable = !state.territory && !options.compact;
      // all territories in one request (…/territories), the trends only on the page
      const [report, all, trends] = await Promise.all([
        getJson(`${base}?${query(state, state.territory)}`),
        wantsTable ? getJson(`${base}/territories?${query(state)}`) : null,
        options.compact ? [] : loadTrends(state.tenant, state.territory),
      ]);
      const territories = wantsTable ? tenant.territories : [];
      const byTerritory = wantsTable ? all.territories.map(withLookup) : [];
      if (seq !== state.seq) return;
      render(withLookup(report), territories, byTerritory, trends);
      status.textContent = '';
      root.setAttribute('data-state', 'ready');
    } catch (error) {
      if (seq !== state.seq) return;
      content.innerHTML = '';
      status.textContent = error.message;
      status.className = 'rp-ind-status rp-ind-error';
      root.setAttribute('data-state', 'error');
    }
  }

  /** The monthly trends of every indicator of the département or territory; they do not depend on the period. */
  const trendCache = {};
  function loadTrends(tenant, territory) {
    const key = `${tenant}|${territory}`;
    if (!trendCache[key]) {
      trendCache[key] = Promise.all([...RATES, ...COUNTS].map((code) => {
        const params = new URLSearchParams({ tenant, indicator: code, months: String(TREND_MONTHS) });
        if (territory) params.set('territory', territory);
        return getJson(`${base}/trend?${params}`);
      }));
      trendCache[key].catch(() => delete trendCache[key]);
    }
    return trendCache[key];
  }

  function render(report, territories, byTerritory, trends) {
    content.innerHTML = '';
    const period = report.from || report.to
      ? `du ${report.from ? new Date(`${report.from}T00:00`).toLocaleDateString('fr-FR') : 'premier dossier'} au ${report.to ? new Date(`${report.to}T00:00`).toLocaleDateString('fr-FR') : "aujourd'hui"}`
      : "depuis le premier dossier jusqu'à aujourd'hui";
    content.appendChild(el('p', { class: 'rp-ind-scope' },
      `${report.tenantName} — ${report.territoryName || 'tous les territoires'} — ${period}`));
    content.appendChild(el('h3', null, 'Indicateurs nationaux'));
    content.appendChild(el('div', { class: 'rp-ind-grid' },
      RATES.map((code) => rateCard(report.indicator(code))),
      COUNTS.map((code) => countCard(report.indicator(code)))));
    if (territories.length) {
      content.appendChild(el('h3', null, 'Par territoire'));
      content.appendChild(territoryTable(territories, byTerritory));
    }
    if (options.compact) {
      content.appendChild(el('p', null, el('a', { href: `#${ROUTE}` },
        'Détail par territoire et activité (dossiers ouverts, délais, retards) : page des indicateurs')));
      return;
    }
    content.appendChild(el('h3', null, `Évolution sur ${TREND_MONTHS} mois`));
    content.appendChild(el('p', { class: 'rp-ind-muted' },
      `Chaque mois comme période, du mois de ${new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric' })
        .format(new Date(`${trends[0].months[0].from}T00:00`))} au mois en cours ; cible en pointillés.`));
    content.appendChild(el('div', { class: 'rp-ind-trends' }, trends.map(trendChart)));
    const ops = report.operations;
    content.appendChild(el('h3', null, 'Activité'));
    content.appendChild(el('div', { class: 'rp-ind-grid' },
      figureCard('openCases', 'Dossiers ouverts en fin de période', ops.openCases, 'dossiers'),
      figureCard('referrals', 'Saisines dans la période', ops.referrals, 'dossiers'),
      figureCard('admissions', 'Admissions dans la période', ops.admissions, 'dossiers'),
      figureCard('medianDaysReferralToAdmission', "Délai médian de la saisine à l'admission", ops.medianDaysReferralToAdmission, 'jours'),
      figureCard('overdueTasks', 'Tâches en retard en fin de période', ops.overdueTasks, 'tâches')));
    content.appendChild(el('h4', null, 'Dossiers ouverts par étape'));
    content.appendChild(stepsChart(ops.casesPerStep));
    content.appendChild(el('p', { class: 'rp-ind-muted' },
      `Calculé le ${new Date(report.computedAt).toLocaleString('fr-FR')}. Définitions : survoler un indicateur.`));
  }

  (async () => {
    try {
      state.scope = await getJson(`${base}/scope`);
      if (!state.scope.tenants.length) throw new Error("Aucun département n'est ouvert à votre compte.");
      state.tenant = state.scope.tenants[0].id;
      renderFilters();
      await load();
    } catch (error) {
      if (options.hideWhenRefused && (error.status === 403 || error.status === 401)) {
        root.remove();
        return;
      }
      status.textContent = error.message;
      status.className = 'rp-ind-status rp-ind-error';
      root.setAttribute('data-state', 'error');
    }
  })();
}

export default [
  {
    // On the dashboard, where a pilot lands after logging in; hidden for users without the right.
    id: 'parcours-indicators-dashboard',
    pluginPoint: 'cockpit.dashboard',
    priority: 100,
    render: (node, { api }) => mount(node, api, { hideWhenRefused: true, compact: true }),
  },
  {
    id: 'parcours-indicators-page',
    pluginPoint: 'cockpit.route',
    properties: { path: ROUTE, label: 'Indicateurs' },
    render: (node, { api }) => mount(node, api, { hideWhenRefused: false, compact: false }),
  },
  {
    id: 'parcours-indicators-navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 10,
    properties: { path: ROUTE, pagePath: `#${ROUTE}`, label: 'Indicateurs', checkActive: (path) => path.indexOf(`#${ROUTE}`) > -1 },
    render: (node) => {
      node.appendChild(el('a', { href: `#${ROUTE}` }, 'Indicateurs'));
    },
  },
];
