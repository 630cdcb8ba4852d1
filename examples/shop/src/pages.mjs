// Server-rendered HTML for browsing the shop. Every value is escaped.

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const html = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);

const price = (cents) => `€${(cents / 100).toFixed(2)}`;

export function layout(title, user, body) {
  const who = user
    ? `signed in as <b>${html(user.username)}</b> (${html(user.roles.join(', '))})
       <form method="post" action="/logout" class="inline"><button>Sign out</button></form>`
    : '<a href="/login">Sign in</a>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${html(title)} · secotel shop</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
  header { display: flex; justify-content: space-between; align-items: center; border-bottom: 1px solid #ddd; }
  nav a { margin-right: 1rem; } table { border-collapse: collapse; width: 100%; }
  td, th { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #eee; }
  .inline { display: inline; } .note { background: #fff6d5; padding: .5rem 1rem; border-radius: 4px; }
</style></head><body>
<header><nav><a href="/">Shop</a><a href="/account">Account</a><a href="/downloads">Downloads</a><a href="/admin">Admin</a></nav>
<div>${who}</div></header>
<h1>${html(title)}</h1>
${body}
</body></html>`;
}

export function productTable(products) {
  if (products.length === 0) return '<p>No products found.</p>';
  const rows = products
    .map(
      (p) =>
        `<tr><td><a href="/products/${html(p.id)}">${html(p.name)}</a></td><td>${html(p.description)}</td><td>${html(price(p.price_cents))}</td></tr>`,
    )
    .join('\n');
  return `<table><tr><th>Product</th><th>Description</th><th>Price</th></tr>${rows}</table>`;
}

export function searchForm(q = '') {
  return `<form action="/search"><input name="q" value="${html(q)}" placeholder="Search products"> <button>Search</button></form>
<p class="note">The search is <b>deliberately injectable (DEMO ONLY)</b>: it builds its SQL by string concatenation so
that secotel's database layer has an SQL injection to report.</p>`;
}

export function loginForm(failed) {
  return `${failed ? '<p class="note">Sign-in failed.</p>' : ''}
<form method="post" action="/login">
  <p><label>User name <input name="username" autocomplete="username"></label></p>
  <p><label>Password <input name="password" type="password" autocomplete="current-password"></label></p>
  <p><button>Sign in</button></p>
</form>`;
}

export function accountPage(orders, cards) {
  const orderRows = orders
    .map(
      (o) =>
        `<tr><td>${html(o.product)}</td><td>${html(o.quantity)}</td><td>${html(o.created_at.toISOString().slice(0, 10))}</td></tr>`,
    )
    .join('\n');
  const cardRows = cards
    .map((c) => `<li>${html(c.brand)} ${html(c.masked)}, expires ${html(c.expires)}</li>`)
    .join('\n');
  return `<h2>Orders</h2><table><tr><th>Product</th><th>Quantity</th><th>Date</th></tr>${orderRows}</table>
<h2>Saved cards</h2><ul>${cardRows || '<li>none</li>'}</ul>`;
}

export function adminPage(users) {
  const rows = users
    .map(
      (u) => `<tr><td>${html(u.id)}</td><td>${html(u.username)}</td><td>${html(u.role)}</td><td>
  <form method="post" action="/admin/users/${html(u.id)}/role" class="inline">
    <select name="role">${['customer', 'support', 'admin'].map((r) => `<option${r === u.role ? ' selected' : ''}>${r}</option>`).join('')}</select>
    <button>Change role</button></form></td></tr>`,
    )
    .join('\n');
  return `<table><tr><th>id</th><th>User</th><th>Role</th><th></th></tr>${rows}</table>
<h2>Reporting access</h2>
<form method="post" action="/admin/reporting-access">Give the database role <code>shop_analyst</code> read access to
<select name="table"><option>products</option><option>orders</option></select> <button>GRANT</button></form>`;
}

export function downloadsPage(files) {
  return `<ul>${files.map((f) => `<li><a href="/download?file=${encodeURIComponent(f)}">${html(f)}</a></li>`).join('\n')}</ul>`;
}
