/**
 * The identifiers the generated TypeScript and Go use for the spec's names. The renderers and the spec's
 * collision check both take them from here, so a spec that would generate one identifier twice is rejected.
 */

/** `user_agent.original` -> `ATTR_USER_AGENT_ORIGINAL` */
export const tsAttributeConstant = (key) => `ATTR_${constantCase(key)}`;

/** `authn_login_fail` -> `EVENT_AUTHN_LOGIN_FAIL` */
export const tsEventConstant = (name) => `EVENT_${constantCase(name)}`;

/** `authn_login_fail` -> `authnLoginFail` */
export const tsHelperName = (name) => {
  const [first, ...rest] = name.split('_');
  return first + rest.map(capitalize).join('');
};

/** `authn_login_fail` -> `AuthnLoginFailAttributes` */
export const tsAttributesInterface = (name) => `${name.split('_').map(capitalize).join('')}Attributes`;

/** `authn_login_fail` -> `AuthnLoginFail` */
export const goEventConstant = (name) => goWords(name);

/** `security_rule.uuid` -> `AttrSecurityRuleUUID` */
export const goAttributeConstant = (key) => `Attr${goWords(key)}`;

/** `CRITICAL` -> `LevelCritical` */
export const goLevelConstant = (level) => `Level${capitalize(level.toLowerCase())}`;

/** Identifiers the generated Go declares whatever the spec holds. */
export const GO_FIXED_IDENTIFIERS = ['Levels', 'SeverityNumber'];

/** Hand-written TypeScript types that a generated interface name must not shadow. */
export const TS_FIXED_TYPES = ['SecurityAttributes', 'SecurityAttributeTypes', 'SecurityEventHelpers'];

function constantCase(name) {
  return name.replace(/[._]/g, '_').toUpperCase();
}

// Go spells initialisms in one case (UserID, not UserId); these are the ones the spec's names contain.
const GO_INITIALISMS = new Set(['db', 'http', 'id', 'url', 'uuid']);

function goWords(name) {
  return name
    .split(/[._]/)
    .map((word) => (GO_INITIALISMS.has(word) ? word.toUpperCase() : capitalize(word)))
    .join('');
}

function capitalize(word) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
