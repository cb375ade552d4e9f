/*
 * Parcours: options of Camunda Forms selects that the application serves, through Tasklist's
 * configuration point (requireJsConfig in tasklist/scripts/config.js), without changing its code.
 *
 * A select whose options depend on who is logged in (the referral form's « Pour le compte de »:
 * the social workers of the user's territories) names a list in `valuesKey`. Tasklist gives a start
 * form no variables, so form-js would find no options: when Tasklist fetches a form, the lists named
 * below are read from the Tasklist plugin's resource (the user's session) and written into the form
 * as its options. The server checks the value chosen whatever the form showed.
 */
define(['angular'], function (angular) {
  'use strict';

  // valuesKey → the plugin resource serving its options ([{label, value}]) for the logged-in user
  var LISTS = {
    referrerChoices: 'referrers'
  };
  var FORM = /\/engine\/([^/]+)\/(?:process-definition|task)\/[^/]+\/deployed-(?:start-)?form(?:\?|$)/;

  function tasklistApi() {
    var base = document.querySelector('base');
    return ((base && base.getAttribute('tasklist-api')) || '/camunda/api/tasklist/').replace(/\/?$/, '/');
  }

  function componentsWithLists(components, found) {
    (components || []).forEach(function (component) {
      if (component.valuesKey && Object.prototype.hasOwnProperty.call(LISTS, component.valuesKey)) found.push(component);
      componentsWithLists(component.components, found);
    });
    return found;
  }

  function options(engine, key) {
    var url = tasklistApi() + 'plugin/parcours/' + encodeURIComponent(engine) + '/' + LISTS[key];
    return fetchNative(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .catch(function () { return []; });
  }

  var fetchNative = window.fetch.bind(window);

  window.fetch = function (input, init) {
    var url = typeof input === 'string' ? input : (input && input.url) || '';
    var form = FORM.exec(url);
    var answer = fetchNative(input, init);
    if (!form) return answer;
    return answer.then(function (response) {
      if (!response.ok) return response;
      return response.clone().json().then(function (schema) {
        var selects = componentsWithLists(schema.components, []);
        if (!selects.length) return response;
        return Promise.all(selects.map(function (select) {
          return options(form[1], select.valuesKey).then(function (values) {
            delete select.valuesKey;
            select.values = values;
          });
        })).then(function () {
          return new Response(JSON.stringify(schema), {
            status: response.status,
            statusText: response.statusText,
            headers: { 'Content-Type': 'application/json' }
          });
        });
      }, function () {
        return response;
      });
    });
  };

  return angular.module('parcours.tasklistChoices', []);
});
