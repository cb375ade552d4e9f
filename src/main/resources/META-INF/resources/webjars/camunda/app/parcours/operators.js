/*
 * Parcours: who is an operator in the webapps, and what only operators see.
 *
 * An operator is a user the webapps authorize for Admin (group camunda-admin): the people who run
 * the platform (constant parcoursIsOperator, for the application's other webapp modules).
 *
 * Camunda's end-of-life banner (« Il est temps de migrer vers Camunda 8 … ») is for the
 * people who run the platform, not for the social workers and pilots who can do nothing about it.
 *
 * The webapps' header (camunda-commons-ui's cam-widget-header) shows the banner whenever
 * `isCommunityEdition` is true, which Camunda 7 CE always sets. This AngularJS module, loaded by
 * every webapp through the requireJsConfig of its scripts/config.js (a configuration point of the
 * webapps), decorates the header's controller: the banner shows only to an operator, i.e. a user
 * the webapps authorize for Admin (group camunda-admin), and to nobody before login.
 */
define(['angular'], function (angular) {
  'use strict';

  function isOperator(authentication) {
    return !!(authentication && authentication.name && Array.isArray(authentication.authorizedApps)
      && authentication.authorizedApps.indexOf('admin') >= 0);
  }

  var ngModule = angular.module('parcours.operators', []);
  ngModule.constant('parcoursIsOperator', isOperator);
  ngModule.config(['$provide', function ($provide) {
    $provide.decorator('camWidgetHeaderDirective', ['$delegate', function ($delegate) {
      var directive = $delegate[0];
      var original = directive.controller;
      directive.controller = ['$scope', '$injector', function ($scope, $injector) {
        $injector.invoke(original, this, { $scope: $scope });
        $scope.isCommunityEdition = isOperator($scope.authentication);
        $scope.$watch('authentication', function (authentication) {
          $scope.isCommunityEdition = isOperator(authentication);
        });
      }];
      return $delegate;
    }]);
  }]);
  return ngModule;
});
