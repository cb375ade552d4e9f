#!/usr/bin/env bash
# Container health: /actuator/health must answer {"status":"UP",...}. Plain bash (/dev/tcp), so
# the image needs no curl or wget.
exec 3<>"/dev/tcp/127.0.0.1/${PORT:-8080}" || exit 1
printf 'GET /actuator/health HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
timeout 4 cat <&3 | grep -q '^{"status":"UP"'
