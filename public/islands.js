/*
 * The live parts of a reading page, which the server sends without React (lib/next/light-response.ts). Each element
 * marked `data-island` is what its React component (app/_components/) renders before it knows the viewer; this fills
 * it in the same way once /api/auth/session has answered. Everything else on a reading page works without script.
 */
(function () {
  'use strict';

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      node.append(child);
    });
    return node;
  }

  function islands(name) {
    return Array.prototype.slice.call(document.querySelectorAll('[data-island="' + name + '"]'));
  }

  function getJson(url) {
    return fetch(url, { cache: 'no-store', credentials: 'same-origin' })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .catch(function () {
        return null;
      });
  }

  /** lib/rules/permissions.ts: the session names moderators by their review count, and admin is the top role. */
  function isModerator(user) {
    return user.pendingReviews !== undefined;
  }

  function isAdmin(user) {
    return user.role === 'admin' && !user.banned;
  }

  /** next-auth signs out on a POST carrying its CSRF token, which it hands out at /api/auth/csrf. */
  function signOutForm() {
    var token = element('input', { type: 'hidden', name: 'csrfToken', value: '' });
    var form = element('form', { method: 'post', action: '/api/auth/signout', class: 'inline' }, [
      token,
      element('input', { type: 'hidden', name: 'callbackUrl', value: '/' }),
      element('button', { type: 'submit', class: 'underline' }, ['Sign out']),
    ]);
    form.addEventListener('submit', function (event) {
      if (token.value) return;
      event.preventDefault();
      getJson('/api/auth/csrf').then(function (body) {
        token.value = (body && body.csrfToken) || '';
        form.submit();
      });
    });
    return form;
  }

  /** app/_components/user-menu.tsx, signed in. */
  function showUserMenu(user) {
    islands('user-menu').forEach(function (signIn) {
      var links = [
        element('span', {}, [
          'Signed in as ',
          element('strong', {}, [user.name || 'user ' + user.id]),
          ' ',
          element('span', { class: 'rounded bg-slate-200 px-1.5 py-0.5 text-xs dark:bg-slate-800' }, [
            user.banned ? 'banned' : user.role,
          ]),
        ]),
        element('a', { href: '/proposals', class: 'underline' }, ['My proposals']),
        element('a', { href: '/watchlist', class: 'underline' }, ['Watchlist']),
      ];
      if (isModerator(user))
        links.push(
          element('a', { href: '/review', class: 'underline' }, [
            'Review ',
            element('span', { class: 'rounded bg-violet-200 px-1.5 text-xs font-semibold text-violet-950' }, [
              String(user.pendingReviews),
            ]),
            element('span', { class: 'sr-only' }, [' pending proposals']),
          ]),
        );
      if (isAdmin(user)) links.push(element('a', { href: '/admin/users', class: 'underline' }, ['Admin']));
      links.push(signOutForm());
      signIn.replaceWith(element('div', { class: 'flex flex-wrap items-center gap-3 text-sm' }, links));
    });
  }

  /** app/_components/user-menu.tsx, signed out: sign-in comes back to this page (a not-found page renders elsewhere). */
  function showSignInLinks() {
    islands('user-menu').forEach(function (signIn) {
      signIn.href = '/signin?callbackUrl=' + encodeURIComponent(location.pathname || '/');
    });
  }

  /** app/_components/watchlist-count.tsx */
  function showWatchlistCount() {
    var counts = islands('watchlist-count');
    if (counts.length === 0) return;
    getJson('/api/v1/watchlist').then(function (body) {
      var unread = body && typeof body.unread === 'number' ? body.unread : 0;
      if (unread === 0) return;
      var label = unread + ' unread on your watchlist';
      counts.forEach(function (count) {
        count.textContent = unread + ' new';
        count.setAttribute('aria-label', label);
        count.setAttribute('title', label);
        count.hidden = false;
      });
    });
  }

  /** app/_components/propose-link.tsx */
  function showProposeLinks(user) {
    islands('propose-link').forEach(function (link) {
      if (user === null) {
        link.href = '/signin?callbackUrl=' + encodeURIComponent(link.getAttribute('href'));
        link.textContent = 'Sign in to propose a change';
      } else if (user.banned) {
        link.replaceWith(element('p', {}, ['Your account is banned from proposing changes.']));
      }
    });
  }

  /** app/_components/moderator-link.tsx */
  function showModeratorLinks(user) {
    if (!user || user.banned || !isModerator(user)) return;
    islands('moderator-link').forEach(function (link) {
      link.hidden = false;
    });
  }

  getJson('/api/auth/session').then(function (session) {
    var user = (session && session.user) || null;
    showProposeLinks(user);
    showModeratorLinks(user);
    if (!user) {
      showSignInLinks();
      return;
    }
    showUserMenu(user);
    showWatchlistCount();
  });
})();
