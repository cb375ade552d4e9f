/*
 * Parcours: Tasklist in French down to what Camunda's webapp does not translate, through its
 * configuration point (requireJsConfig in tasklist/scripts/config.js), without changing its code.
 *
 * - Camunda Forms (form-js 1.8.7, bundled by Tasklist) has no translations: its own texts
 *   (« Field is required. », « Add new », « Select »…) are translated where they are shown, in the
 *   form's DOM, as form-js renders them.
 * - form-js types dates in the browser's default date order (Intl « default » locale), which is
 *   mm/dd/yyyy in a browser set to English even when it asks for French pages: while Tasklist
 *   speaks French, the forms' date fields use the French order (dd/mm/yyyy) and a French calendar.
 * - the task header shows the département's name (« Pas-de-Calais ») instead of the tenant id,
 *   from the application's configuration (app/parcours/departements.json).
 * Everything follows Tasklist's own language: a browser whose first language is English keeps the
 * English texts.
 */
define(['angular'], function (angular) {
  'use strict';

  var TEXTS = {
    'Field is required.': 'Ce champ est obligatoire.',
    'Field must be a valid email.': 'Saisissez une adresse e-mail valide.',
    'Value is not a number.': "Cette valeur n'est pas un nombre.",
    'Add new': 'Ajouter',
    'Collapse': 'Réduire',
    'Select': 'Choisir…',
    'Search': 'Rechercher',
    'Date': 'Date',
    'Time': 'Heure',
    'dd/mm/yyyy': 'jj/mm/aaaa',
    'hh:mm': 'hh:mm',
    'Remove item': "Retirer l'élément",
    'Remove tag': 'Retirer',
    'Increment': 'Augmenter',
    'Decrement': 'Diminuer',
    'Next page': 'Page suivante',
    'Previous page': 'Page précédente',
    'Delete item': "Supprimer l'élément",
    'Toggle list item': "Afficher ou masquer l'élément"
  };
  var PATTERNS = [
    [/^Field must match pattern (.*)\.$/, 'Ce champ ne respecte pas le format attendu.'],
    [/^Field must have minimum value of (.*)\.$/, 'La valeur minimale est $1.'],
    [/^Field must have maximum value of (.*)\.$/, 'La valeur maximale est $1.'],
    [/^Field must have minimum length of (.*)\.$/, 'Saisissez au moins $1 caractères.'],
    [/^Field must have maximum length of (.*)\.$/, 'Saisissez au plus $1 caractères.'],
    [/^Field must be a valid\s+international phone number\..*$/, 'Saisissez un numéro de téléphone international valide (par exemple +33 3 21 00 00 00).'],
    [/^Expand all \((\d+)\)$/, 'Tout afficher ($1)'],
    [/^Remove list item (\d+)$/, "Retirer l'élément $1"]
  ];
  var ATTRIBUTES = ['placeholder', 'aria-label', 'title'];

  // flatpickr's French texts (the calendar of form-js's date fields)
  var CALENDAR = {
    weekdays: {
      shorthand: ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'],
      longhand: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi']
    },
    months: {
      shorthand: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
      longhand: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre',
        'novembre', 'décembre']
    },
    firstDayOfWeek: 1,
    ordinal: function (n) { return n > 1 ? '' : 'er'; },
    rangeSeparator: ' au ',
    weekAbbreviation: 'Sem',
    scrollTitle: 'Défiler pour augmenter la valeur',
    toggleTitle: 'Cliquer pour basculer',
    amPM: ['AM', 'PM'],
    yearAriaLabel: 'Année',
    monthAriaLabel: 'Mois',
    hourAriaLabel: 'Heure',
    minuteAriaLabel: 'Minute',
    time_24hr: true
  };

  var language = { current: null };

  function french() {
    return !language.current || language.current.indexOf('fr') === 0;
  }

  function translated(text) {
    var trimmed = text.trim();
    if (!trimmed) return null;
    if (Object.prototype.hasOwnProperty.call(TEXTS, trimmed)) {
      return TEXTS[trimmed] === trimmed ? null : text.replace(trimmed, TEXTS[trimmed]);
    }
    for (var i = 0; i < PATTERNS.length; i++) {
      if (PATTERNS[i][0].test(trimmed)) return text.replace(trimmed, trimmed.replace(PATTERNS[i][0], PATTERNS[i][1]));
    }
    return null;
  }

  function translateNode(node) {
    if (node.nodeType === 3) {
      var text = translated(node.nodeValue);
      if (text !== null) node.nodeValue = text;
      return;
    }
    if (node.nodeType !== 1) return;
    ATTRIBUTES.forEach(function (name) {
      if (node.hasAttribute(name)) {
        var value = translated(node.getAttribute(name));
        if (value !== null) node.setAttribute(name, value);
      }
    });
    for (var child = node.firstChild; child; child = child.nextSibling) translateNode(child);
  }

  function inForm(node) {
    var element = node.nodeType === 1 ? node : node.parentElement;
    return !!(element && element.closest && element.closest('.fjs-container'));
  }

  function translateForms() {
    new MutationObserver(function (mutations) {
      if (!french()) return;
      mutations.forEach(function (mutation) {
        if (!inForm(mutation.target)) {
          mutation.addedNodes.forEach(function (node) {
            if (node.nodeType === 1 && node.querySelectorAll) {
              node.querySelectorAll('.fjs-container').forEach(translateNode);
            }
          });
          return;
        }
        if (mutation.type === 'characterData' || mutation.type === 'attributes') translateNode(mutation.target);
        else mutation.addedNodes.forEach(translateNode);
      });
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true,
      attributeFilter: ATTRIBUTES });
  }

  /** form-js asks Intl for the « default » locale's date order: French while Tasklist is French. */
  function frenchDateOrder() {
    var Native = Intl.DateTimeFormat;
    function DateTimeFormat(locales, options) {
      return new Native(locales === 'default' && french() ? 'fr-FR' : locales, options);
    }
    DateTimeFormat.prototype = Native.prototype;
    DateTimeFormat.supportedLocalesOf = Native.supportedLocalesOf.bind(Native);
    Intl.DateTimeFormat = DateTimeFormat;
  }

  /** The calendar of a form-js date field opens on focus: give it the French texts first. */
  function frenchCalendar() {
    document.addEventListener('focus', function (event) {
      var picker = event.target && event.target._flatpickr;
      if (picker && french() && !picker.parcoursFrench) {
        picker.parcoursFrench = true;
        picker.set('locale', CALENDAR);
      }
    }, true);
  }

  var ngModule = angular.module('parcours.tasklistFrench', []);

  ngModule.run(['$rootScope', '$translate', function ($rootScope, $translate) {
    language.current = $translate.use() || $translate.proposedLanguage() || null;
    $rootScope.$on('$translateChangeSuccess', function (event, data) {
      language.current = data.language;
    });
    frenchDateOrder();
    frenchCalendar();
    translateForms();
  }]);

  /** Tasklist shows a tenant id in an element of class tenant-id: show the département's name. */
  ngModule.factory('parcoursDepartementNames', ['$http', function ($http) {
    var base = document.querySelector('base').getAttribute('app-root');
    return $http.get(base + '/app/parcours/departements.json').then(function (response) {
      return response.data || {};
    }, function () {
      return {};
    });
  }]);

  ngModule.directive('tenantId', ['parcoursDepartementNames', function (names) {
    return {
      restrict: 'C',
      link: function (scope, element) {
        names.then(function (byTenant) {
          scope.$watch(function () { return element.text().trim(); }, function (shown) {
            var departement = byTenant[shown];
            if (!departement) return;
            for (var node = element[0].firstChild; node; node = node.nextSibling) {
              if (node.nodeType === 3 && node.nodeValue.trim() === shown) {
                node.nodeValue = node.nodeValue.replace(shown, departement.name);
              }
            }
          });
        });
      }
    };
  }]);

  return ngModule;
});
