/*
 * Tasklist plugin « Parcours » (Camunda 7 front-end plugin, plain ES module, no build step). Served by
 * the application from plugin-webapp/parcours/app/ (class path), loaded by Tasklist from
 * /camunda/api/tasklist/plugin/parcours/static/app/plugin.js.
 *
 * A tab beside every task of a case (pathway or technical committee), and « Mes parcours » in the
 * header (the cases the user may read, opened even without a task): the case at a glance, the
 * current action plan, the committees' decisions, the documents, the follow-up requests the user
 * may make now (synthesis meeting, dispute, change of référent, exit: short forms, or the reason
 * they are not offered), and the case journal where the référent and the interveners leave each
 * other dated notes. Data: the plugin's REST resource (…/api/tasklist/plugin/parcours/<engine>/cases),
 * which reads the Tasklist session and shows a case only to whoever may read it.
 */

const PLUGIN = 'parcours';
const MAX_NOTE = 4000;

const DECISIONS = {
  admit: 'Admission',
  reject: 'Non-admission',
  extend: 'Prolongation du parcours',
  close: 'Fin du parcours',
  adjourn: 'Ajournement',
};
const PURPOSES = { admission: "Instance d'admission", review: 'Instance de bilan' };
const STATUSES = { planned: 'Prévu', 'in-progress': 'En cours', done: 'Réalisé', abandoned: 'Abandonné' };
const DOMAINS = {
  housing: 'Logement', health: 'Santé', employment: 'Emploi / insertion', education: 'Scolarité / éducation',
  parenting: 'Parentalité', budget: 'Budget', mobility: 'Mobilité', justice: 'Justice', isolation: 'Isolement',
  disability: 'Handicap', 'child-protection': "Protection de l'enfance", other: 'Autre',
};

const dateFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit',
});

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (value === undefined || value === null || value === false) return;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  });
  children.flat().forEach((child) => {
    if (child === undefined || child === null || child === false) return;
    node.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  });
  return node;
}

function parseDate(value) {
  if (!value) return null;
  // a plain date (YYYY-MM-DD) is a day, not midnight UTC
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00`) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function day(value) {
  const date = parseDate(value);
  return date ? dateFormat.format(date) : '—';
}

function moment(value) {
  const date = parseDate(value);
  return date ? dateTimeFormat.format(date) : '—';
}

function text(value) {
  return value === undefined || value === null || value === '' ? '—' : String(value);
}

function csrfToken(api) {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
  return match ? decodeURIComponent(match[1]) : api.CSRFToken;
}

async function request(url, options) {
  const response = await fetch(url, { credentials: 'same-origin', ...options });
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

// --- sections

function field(name, label, value) {
  return el('div', { class: 'rp-case-field', 'data-field': name }, el('dt', null, label), el('dd', null, value));
}

function summarySection(file, base) {
  const links = [];
  if (file.agreementAvailable) {
    links.push(el('a', {
      class: 'rp-case-doc', 'data-document': 'agreement', target: '_blank', rel: 'noopener',
      href: `${base}/cases/${encodeURIComponent(file.businessKey)}/documents/agreement.pdf`,
    }, el('span', { class: 'glyphicon glyphicon-file', 'aria-hidden': 'true' }), "Contrat d'engagement (PDF)"));
    // the person's own copy of their plan, in plain French: offered from the agreement on, updated by each review
    links.push(el('a', {
      class: 'rp-case-doc', 'data-document': 'mon-parcours', target: '_blank', rel: 'noopener',
      title: 'Copie pour la personne, en français facile : son référent, ses objectifs, ses rendez-vous, ses droits',
      href: `${base}/cases/${encodeURIComponent(file.businessKey)}/documents/mon-parcours.pdf`,
    }, el('span', { class: 'glyphicon glyphicon-user', 'aria-hidden': 'true' }), 'Mon parcours — copie pour la personne (PDF)'));
  }
  if (file.committeeDecisionAvailable) {
    links.push(el('a', {
      class: 'rp-case-doc', 'data-document': 'committee-decision', target: '_blank', rel: 'noopener',
      href: `${base}/cases/${encodeURIComponent(file.businessKey)}/documents/committee-decision.pdf`,
    }, el('span', { class: 'glyphicon glyphicon-file', 'aria-hidden': 'true' }), "Décision de l'instance technique (PDF)"));
  }
  const steps = file.currentSteps && file.currentSteps.length
    ? file.currentSteps.join(' · ')
    : (file.running ? '—' : 'Dossier clos');
  return el('section', { class: 'rp-case-section rp-case-summary' },
    el('h3', null, 'Dossier'),
    el('dl', { class: 'rp-case-grid' },
      field('caseReference', 'Référence', text(file.caseReference)),
      field('personLabel', 'Personne', text(file.personLabel)),
      field('territory', 'Territoire', text(file.territoryName || file.territory)),
      field('currentSteps', 'Étape en cours', steps),
      field('coordinator', 'Référent de parcours', file.coordinator ? file.coordinator.name : 'Pas encore désigné'),
      field('referralDate', 'Saisine', day(file.referralDate)),
      field('planEndDate', 'Fin prévue du plan', file.planEndDate ? day(file.planEndDate) : '—')),
    links.length ? el('p', { class: 'rp-case-docs' }, links) : null);
}

function planSection(plan) {
  const body = plan && plan.length
    ? el('table', { class: 'rp-case-table rp-case-plan' },
      el('thead', null, el('tr', null, el('th', null, 'Action'), el('th', null, 'Domaine'), el('th', null, 'Porteur'),
        el('th', null, 'Échéance'), el('th', null, 'État'))),
      el('tbody', null, plan.map((action) => el('tr', { 'data-action': action.id || '' },
        el('td', null, text(action.label)),
        el('td', null, DOMAINS[action.domain] || text(action.domain)),
        el('td', null, text(action.ownerName)),
        el('td', { class: 'rp-case-nowrap' }, action.dueDate ? day(action.dueDate) : '—'),
        el('td', null, el('span', { class: `rp-case-status rp-case-status-${action.status || 'none'}` },
          STATUSES[action.status] || text(action.status)))))))
    : el('p', { class: 'rp-case-empty' }, "Pas encore de plan d'action (il est établi au diagnostic global).");
  return el('section', { class: 'rp-case-section' }, el('h3', null, "Plan d'action en cours"), body);
}

function decisionsSection(decisions) {
  const body = decisions && decisions.length
    ? el('table', { class: 'rp-case-table rp-case-decisions' },
      el('thead', null, el('tr', null, el('th', null, 'Instance'), el('th', null, 'Date'), el('th', null, 'Décision'),
        el('th', null, 'Référent désigné'), el('th', null, 'Motifs'))),
      el('tbody', null, decisions.map((d) => el('tr', { 'data-decision': d.decision || '' },
        el('td', null, PURPOSES[d.purpose] || 'Instance technique'),
        el('td', { class: 'rp-case-nowrap' }, day(d.date)),
        el('td', null, el('strong', null, DECISIONS[d.decision] || text(d.decision))),
        el('td', null, d.coordinator ? d.coordinator.name : '—'),
        el('td', null,
          d.decisionNotes ? el('div', null, d.decisionNotes) : null,
          d.coordinatorChoiceReason ? el('div', { class: 'rp-case-muted' }, `Choix du référent : ${d.coordinatorChoiceReason}`) : null,
          !d.decisionNotes && !d.coordinatorChoiceReason ? '—' : null)))))
    : el('p', { class: 'rp-case-empty' }, "L'instance technique ne s'est pas encore réunie.");
  return el('section', { class: 'rp-case-section' }, el('h3', null, "Décisions de l'instance technique"), body);
}

function journalSection(file, onAdd) {
  const textarea = el('textarea', {
    name: 'note', rows: '3', maxlength: String(MAX_NOTE), class: 'form-control',
    placeholder: 'Une information utile aux autres intervenants du parcours…', 'aria-label': 'Nouvelle note',
  });
  const status = el('span', { class: 'rp-case-note-status', role: 'status' });
  const button = el('button', { type: 'submit', class: 'btn btn-primary rp-case-add' }, 'Ajouter la note');
  const form = el('form', {
    class: 'rp-case-note-form',
    onsubmit: async (event) => {
      event.preventDefault();
      button.disabled = true;
      status.textContent = 'Enregistrement…';
      status.className = 'rp-case-note-status';
      try {
        await onAdd(textarea.value);
      } catch (error) {
        status.textContent = error.message;
        status.className = 'rp-case-note-status rp-case-error';
        button.disabled = false;
      }
    },
  }, textarea, el('div', { class: 'rp-case-note-actions' }, button, status));
  const notes = file.journal && file.journal.length
    ? el('ol', { class: 'rp-case-notes' }, file.journal.map((note) => el('li', { 'data-note-id': note.id },
      el('div', { class: 'rp-case-note-meta' },
        el('span', { class: 'rp-case-note-author' }, text(note.authorName || note.authorId)),
        el('span', { class: 'rp-case-muted' }, ` — ${moment(note.time)}`)),
      el('div', { class: 'rp-case-note-text' }, note.message))))
    : el('p', { class: 'rp-case-empty' }, 'Aucune note pour le moment.');
  return el('section', { class: 'rp-case-section rp-case-journal' },
    el('h3', null, 'Journal du dossier'),
    el('p', { class: 'rp-case-muted' }, file.running
      ? 'Notes datées partagées entre le référent et les intervenants du parcours.'
      : 'Ce parcours est terminé : son journal se consulte mais ne reçoit plus de notes.'),
    file.running ? form : null, notes);
}

function requestsSection(offer, onSend) {
  const section = el('section', { class: 'rp-case-section rp-case-requests' }, el('h3', null, 'Demandes de suivi'));
  if (!offer) return null;
  const panel = el('div', { class: 'rp-case-request-panel' });
  const list = el('ul', { class: 'rp-case-request-list' });
  offer.requests.forEach((request) => {
    const button = el('button', {
      type: 'button', class: `btn ${request.allowed ? 'btn-default' : 'btn-default disabled'} rp-case-request`,
      'data-request-type': request.type, disabled: !request.allowed, title: request.allowed ? null : request.reason,
      onclick: () => {
        panel.innerHTML = '';
        panel.appendChild(requestForm(request, offer, onSend, () => { panel.innerHTML = ''; }));
      },
    }, request.label);
    list.appendChild(el('li', { 'data-request-type': request.type },
      button,
      request.allowed ? null : el('span', { class: 'rp-case-muted rp-case-request-reason' }, request.reason)));
  });
  section.append(list, panel);
  return section;
}

function requestForm(request, offer, onSend, onCancel) {
  const max = offer.maxReasonLength || 2000;
  const reason = el('textarea', {
    name: 'reason', rows: '3', maxlength: String(max), class: 'form-control', required: true,
    'aria-label': 'Motif', placeholder: 'Motif de la demande (obligatoire)',
  });
  const fields = [];
  let requestedBy = null;
  if (request.requestedBy.length > 1) {
    requestedBy = el('select', { name: 'requestedBy', class: 'form-control', 'aria-label': 'Au nom de' },
      request.requestedBy.map((code) => el('option', { value: code }, offer.requesters[code] || code)));
    fields.push(el('label', { class: 'rp-case-label' }, 'Au nom de', requestedBy));
  } else if (request.requestedBy.length === 1) {
    fields.push(el('p', { class: 'rp-case-muted' }, `Demande faite au nom de : ${offer.requesters[request.requestedBy[0]] || request.requestedBy[0]}`));
  }
  let exitReason = null;
  if (request.type === 'withdrawal') {
    exitReason = el('select', { name: 'exitReason', class: 'form-control', required: true, 'aria-label': 'Motif de sortie' },
      el('option', { value: '' }, '— Choisir —'),
      Object.entries(offer.exitReasons).map(([code, label]) => el('option', { value: code }, label)));
    fields.push(el('label', { class: 'rp-case-label' }, 'Motif de sortie', exitReason));
  }
  fields.push(el('label', { class: 'rp-case-label' }, 'Motif', reason));
  const status = el('span', { class: 'rp-case-note-status', role: 'status' });
  const send = el('button', { type: 'submit', class: 'btn btn-primary rp-case-request-send' }, 'Envoyer la demande');
  return el('form', {
    class: 'rp-case-request-form', 'data-request-type': request.type,
    onsubmit: async (event) => {
      event.preventDefault();
      send.disabled = true;
      status.textContent = 'Envoi…';
      status.className = 'rp-case-note-status';
      const body = { type: request.type, reason: reason.value };
      if (requestedBy) body.requestedBy = requestedBy.value;
      if (exitReason) body.exitReason = exitReason.value;
      try {
        await onSend(body);
      } catch (error) {
        status.textContent = error.message;
        status.className = 'rp-case-note-status rp-case-error';
        send.disabled = false;
      }
    },
  },
  el('h4', null, request.label),
  fields,
  el('div', { class: 'rp-case-note-actions' }, send,
    el('button', { type: 'button', class: 'btn btn-link', onclick: onCancel }, 'Annuler'), status));
}

/** The case file of a case (its pathway's or committee's process instance id, or its reference), in root. */
function showCaseFile(root, api, caseId) {
  const base = `${api.tasklistApi}/plugin/${PLUGIN}/${api.engine}`;
  const caseUrl = `${base}/cases/${encodeURIComponent(caseId)}`;
  let notice = null;

  async function post(url, body) {
    return request(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-XSRF-TOKEN': csrfToken(api) },
      body: JSON.stringify(body),
    });
  }

  async function addNote(note) {
    await post(`${caseUrl}/journal`, { message: note });
    await load();
  }

  async function sendRequest(body) {
    await post(`${caseUrl}/requests`, body);
    notice = 'Demande enregistrée : elle figure au journal du dossier.';
    await load();
  }

  async function load() {
    const [file, offer] = await Promise.all([
      request(caseUrl, { headers: { Accept: 'application/json' } }),
      request(`${caseUrl}/requests`, { headers: { Accept: 'application/json' } }).catch(() => null),
    ]);
    root.innerHTML = '';
    root.append(
      notice ? el('p', { class: 'rp-case-notice', role: 'status' }, notice) : null,
      summarySection(file, base),
      file.running ? requestsSection(offer, sendRequest) : null,
      planSection(file.actionPlan),
      decisionsSection(file.decisions),
      journalSection(file, addNote));
    notice = null;
    root.setAttribute('data-state', 'ready');
    root.setAttribute('data-case', file.businessKey);
  }

  return load();
}

// --- « Mes parcours »

function myCasesPanel(api) {
  const base = `${api.tasklistApi}/plugin/${PLUGIN}/${api.engine}`;
  const size = 20;
  let search = '';
  let page = 0;
  const content = el('div', { class: 'rp-case', 'data-plugin': `${PLUGIN}-my-cases`, 'data-state': 'loading' });
  const close = el('button', { type: 'button', class: 'btn btn-default rp-my-cases-close', onclick: () => overlay.remove() }, 'Fermer');
  const overlay = el('div', { class: 'rp-my-cases', role: 'dialog', 'aria-label': 'Mes parcours' },
    el('div', { class: 'rp-my-cases-box' },
      el('div', { class: 'rp-my-cases-head' }, el('h2', null, 'Mes parcours'), close),
      content));
  overlay.addEventListener('keydown', (event) => { if (event.key === 'Escape') overlay.remove(); });

  async function list() {
    content.setAttribute('data-state', 'loading');
    content.innerHTML = '';
    const input = el('input', {
      type: 'search', name: 'search', class: 'form-control', value: search,
      placeholder: 'Référence (RP-…) ou personne', 'aria-label': 'Rechercher un parcours',
    });
    const form = el('form', {
      class: 'rp-my-cases-search',
      onsubmit: (event) => { event.preventDefault(); search = input.value.trim(); page = 0; list(); },
    }, input, el('button', { type: 'submit', class: 'btn btn-primary' }, 'Rechercher'));
    content.appendChild(form);
    try {
      const query = `search=${encodeURIComponent(search)}&page=${page}&size=${size}`;
      const result = await request(`${base}/cases?${query}`, { headers: { Accept: 'application/json' } });
      const pages = Math.max(1, Math.ceil(result.total / size));
      if (!result.cases.length) {
        content.appendChild(el('p', { class: 'rp-case-empty' }, search
          ? 'Aucun parcours ne correspond à cette recherche.'
          : 'Aucun parcours à afficher : vous ne suivez aucun dossier en cours.'));
      } else {
        content.appendChild(el('table', { class: 'rp-case-table rp-my-cases-table' },
          el('thead', null, el('tr', null, el('th', null, 'Référence'), el('th', null, 'Personne'), el('th', null, 'Territoire'),
            el('th', null, 'Étape(s) en cours'), el('th', null, 'Référent'), el('th', null, 'Prochaine échéance'))),
          el('tbody', null, result.cases.map((row) => el('tr', { 'data-case': row.businessKey },
            el('td', { class: 'rp-case-nowrap' }, el('a', {
              href: '', class: 'rp-my-cases-open',
              onclick: (event) => { event.preventDefault(); open(row.processInstanceId); },
            }, row.businessKey)),
            el('td', null, text(row.personLabel)),
            el('td', null, text(row.territoryName || row.territory)),
            el('td', null, row.currentSteps.length ? row.currentSteps.join(' · ') : '—'),
            el('td', null, row.coordinator ? row.coordinator.name : 'Pas encore désigné'),
            el('td', { class: 'rp-case-nowrap' }, row.nextDueDate ? day(row.nextDueDate) : '—'))))));
      }
      content.appendChild(el('div', { class: 'rp-my-cases-pager' },
        el('button', { type: 'button', class: 'btn btn-default', disabled: page === 0, onclick: () => { page -= 1; list(); } }, 'Précédent'),
        el('span', { class: 'rp-case-muted' }, `Page ${page + 1} sur ${pages} — ${result.total} parcours`),
        el('button', { type: 'button', class: 'btn btn-default', disabled: page + 1 >= pages, onclick: () => { page += 1; list(); } }, 'Suivant')));
      content.setAttribute('data-state', 'list');
    } catch (error) {
      content.appendChild(el('p', { class: 'rp-case-error' }, error.message));
      content.setAttribute('data-state', 'error');
    }
    input.focus();
  }

  async function open(caseId) {
    content.innerHTML = '';
    const back = el('button', { type: 'button', class: 'btn btn-link rp-my-cases-back', onclick: () => list() }, '← Retour à la liste');
    const file = el('div', { class: 'rp-case', 'data-plugin': PLUGIN, 'data-state': 'loading' }, el('p', { class: 'rp-case-muted' }, 'Chargement du dossier…'));
    content.append(back, file);
    content.setAttribute('data-state', 'case');
    try {
      await showCaseFile(file, api, caseId);
    } catch (error) {
      file.innerHTML = '';
      file.appendChild(el('p', { class: 'rp-case-error' }, error.message));
      file.setAttribute('data-state', 'error');
    }
  }

  document.body.appendChild(overlay);
  list();
}

// --- the tab

function mount(node, api, taskId) {
  const root = el('div', { class: 'rp-case', 'data-plugin': PLUGIN, 'data-state': 'loading' });
  node.innerHTML = '';
  node.appendChild(root);

  function message(textContent, error) {
    root.innerHTML = '';
    root.appendChild(el('p', { class: error ? 'rp-case-error' : 'rp-case-muted' }, textContent));
  }

  (async () => {
    message('Chargement du dossier…');
    try {
      const task = await request(`${api.engineApi}/task/${encodeURIComponent(taskId)}`, { headers: { Accept: 'application/json' } });
      if (!task.processInstanceId) {
        message("Cette tâche n'est rattachée à aucun parcours.");
        root.setAttribute('data-state', 'none');
        return;
      }
      await showCaseFile(root, api, task.processInstanceId);
    } catch (error) {
      root.setAttribute('data-state', error.status === 404 ? 'none' : 'error');
      message(error.status === 404 ? "Cette tâche ne fait partie d'aucun parcours que vous pouvez consulter." : error.message,
        error.status !== 404);
    }
  })();
}

export default [
  {
    id: 'parcours-case-file',
    pluginPoint: 'tasklist.task.detail',
    priority: 900,
    properties: { label: 'Parcours' },
    render: (node, { api, taskId }, scope) => {
      mount(node, api, taskId);
      // the tab may stay in place while another task is selected
      if (scope && typeof scope.$watch === 'function') {
        scope.$watch('task.id', (id, previous) => {
          if (id && id !== previous) mount(node, api, id);
        });
      }
    },
  },
  {
    // « Mes parcours » in the header: the cases the user may read, each opening its case file
    id: 'parcours-my-cases',
    pluginPoint: 'tasklist.navbar.action',
    priority: 900,
    render: (node, { api }) => {
      node.appendChild(el('a', {
        href: '', class: 'rp-my-cases-entry', 'data-plugin': `${PLUGIN}-my-cases-entry`, title: 'Les parcours que vous suivez',
        onclick: (event) => { event.preventDefault(); myCasesPanel(api); },
      }, el('span', { class: 'glyphicon glyphicon-folder-open', 'aria-hidden': 'true' }), ' Mes parcours'));
    },
  },
];
