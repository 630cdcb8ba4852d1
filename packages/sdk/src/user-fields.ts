import type { SecurityUser } from './context';

const MAX_ROLES = 32;

/**
 * Maps the user object an authentication library produced (passport's req.user, koa's ctx.state.user, a
 * decoded JWT) to the context's user, from the field names such objects commonly use. A login name is
 * preferred over an email, and an email over a display name.
 */
export function securityUser(user: unknown): SecurityUser | undefined {
  if (typeof user === 'string') return { name: user };
  if (typeof user !== 'object' || user === null) return undefined;
  const fields = user as Record<string, unknown>;
  const id =
    text(fields.id) ?? text(fields._id) ?? text(fields.uuid) ?? text(fields.sub) ?? text(fields.userId);
  const name = text(fields.username) ?? text(fields.login) ?? text(fields.email) ?? text(fields.name);
  const roles = roleList(fields.roles) ?? roleList(fields.role);
  if (id === undefined && name === undefined) return undefined;
  return { id, name, roles };
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  // MongoDB ObjectIds and similar identifiers render themselves; a plain object would be "[object Object]".
  if (typeof value === 'object' && value !== null && typeof value.toString === 'function') {
    const rendered = value.toString();
    return typeof rendered !== 'string' || rendered.startsWith('[object ') ? undefined : rendered;
  }
  return undefined;
}

function roleList(value: unknown): string[] | undefined {
  if (typeof value === 'string' && value !== '') return [value];
  if (!Array.isArray(value)) return undefined;
  const roles = value.slice(0, MAX_ROLES).filter((role): role is string => typeof role === 'string');
  return roles.length > 0 ? roles : undefined;
}
