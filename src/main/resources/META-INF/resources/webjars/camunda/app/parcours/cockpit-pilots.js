/*
 * Parcours: Cockpit for the people who open it without being operators, the pilots (group
 * pilots, Cockpit access and no other grant). Loaded by Cockpit's scripts/config.js (requireJsConfig).
 *
 * - Cockpit's own pages (processes, decisions, human tasks, deployments, batches…) show a user only
 *   what their grants allow, and only operators have grants there: for anyone else the header keeps
 *   the application's entries (« Indicateurs ») alone, instead of menus with nothing in them.
 * - A pilot lands on the indicators, not on Cockpit's dashboard of zeros: the dashboard route leads
 *   them to #/indicateurs.
 */
define(['angular'], function (angular) {
  'use strict';

  /** The header entries of the application, open to whoever may open Cockpit. */
  var APPLICATION_ENTRIES = ['parcours-indicators-navigation'];
  var LANDING = '/indicateurs';

  var ngModule = angular.module('parcours.cockpitPilots', ['parcours.operators']);

  ngModule.config(['$provide', function ($provide) {
    $provide.decorator('Views', ['$delegate', '$rootScope', 'parcoursIsOperator',
      function (Views, $rootScope, isOperator) {
        var getProviders = Views.getProviders;
        Views.getProviders = function (options) {
          var providers = getProviders.apply(this, arguments);
          if (options && options.component === 'cockpit.navigation' && !isOperator($rootScope.authentication)) {
            return providers.filter(function (provider) {
              return APPLICATION_ENTRIES.indexOf(provider.id) >= 0;
            });
          }
          return providers;
        };
        return Views;
      }]);
  }]);

  ngModule.run(['$rootScope', '$location', 'parcoursIsOperator', function ($rootScope, $location, isOperator) {
    $rootScope.$on('$routeChangeSuccess', function (event, current) {
      var path = current && current.$$route && current.$$route.originalPath;
      if (path === '/dashboard' && $rootScope.authentication && $rootScope.authentication.name
          && !isOperator($rootScope.authentication)) {
        $location.path(LANDING).replace();
      }
    });
  }]);

  return ngModule;
});
