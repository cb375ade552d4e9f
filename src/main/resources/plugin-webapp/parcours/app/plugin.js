/*
 * Tasklist plugin « Parcours » (Camunda 7 front-end plugin, plain ES module, no build step). Served by
 * the application from plugin-webapp/parcours/app/ (class path), loaded by Tasklist from
 * /camunda/api/tasklist/plugin/parcours/static/app/plugin.js.
 *
 * A tab beside every task of a case (pathway or technical committee): the case at a glance, the
 * current action plan, the committees' decisions, the documents, and the case journal where the
 * référent and the interveners leave each other dated notes. Data: the plugin's REST resource
 * (…/api/tasklist/plugin/parcours/<engine>/cases/<process instance id>), which reads the Tasklist
 * session and shows a case only to whoever may read it.
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

// --- the tab

function mount(node, api, taskId) {
  const base = `${api.tasklistApi}/plugin/${PLUGIN}/${api.engine}`;
  const root = el('div', { class: 'rp-case', 'data-plugin': PLUGIN, 'data-state': 'loading' });
  node.innerHTML = '';
  node.appendChild(root);
  let caseId = null;

  function message(textContent, error) {
    root.innerHTML = '';
    root.appendChild(el('p', { class: error ? 'rp-case-error' : 'rp-case-muted' }, textContent));
  }

  async function addNote(note) {
    await request(`${base}/cases/${encodeURIComponent(caseId)}/journal`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-XSRF-TOKEN': csrfToken(api) },
      body: JSON.stringify({ message: note }),
    });
    await load();
  }

  function render(file) {
    root.innerHTML = '';
    root.append(
      summarySection(file, base),
      planSection(file.actionPlan),
      decisionsSection(file.decisions),
      journalSection(file, addNote));
  }

  async function load() {
    const file = await request(`${base}/cases/${encodeURIComponent(caseId)}`, { headers: { Accept: 'application/json' } });
    render(file);
    root.setAttribute('data-state', 'ready');
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
      caseId = task.processInstanceId;
      await load();
    } catch (error) {
      root.setAttribute('data-state', error.status === 404 ? 'none' : 'error');
      message(error.status === 404 ? "Cette tâche ne fait partie d'aucun parcours que vous pouvez consulter." : error.message,
        error.status !== 404);
    }
  })();
}

export default {
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
};
