// The shop's seed data. The attack simulator reads the customer list too, to play ordinary customers who know
// their own passwords; the attackers in the simulator use only their own word lists.

/** Customers and staff. `role` is the application's role; passwords are hashed with scrypt when seeded. */
export const USERS = [
  { username: 'alice', name: 'Alice Admin', role: 'admin', password: 'correct horse battery staple' },
  { username: 'bob', name: 'Bob Baker', role: 'customer', password: 'rain-on-a-tin-roof-42' },
  // carol chose a weak password: the simulator's brute force finds it.
  { username: 'carol', name: 'Carol Cole', role: 'customer', password: 'sunshine2' },
  { username: 'dave', name: 'Dave Dodd', role: 'customer', password: 'blue kettle morning walk' },
  // erin uses this season's favourite: the simulator's password spraying finds it.
  { username: 'erin', name: 'Erin East', role: 'customer', password: 'Winter2026!' },
  { username: 'frank', name: 'Frank Fox', role: 'customer', password: 'paper lanterns drift south' },
  { username: 'grace', name: 'Grace Gray', role: 'support', password: 'quiet-harbour-lights-7' },
  { username: 'heidi', name: 'Heidi Hill', role: 'customer', password: 'seven owls on a fence' },
  { username: 'ivan', name: 'Ivan Irwin', role: 'customer', password: 'granite.teacup.violin' },
  { username: 'judy', name: 'Judy Jones', role: 'customer', password: 'marble stairs at noon' },
  { username: 'ken', name: 'Ken Kirk', role: 'customer', password: 'orange-bicycle-river' },
  { username: 'lena', name: 'Lena Lund', role: 'customer', password: 'velvet thunder garden' },
  { username: 'mike', name: 'Mike Moss', role: 'customer', password: 'copper kite autumn 19' },
  { username: 'nora', name: 'Nora North', role: 'customer', password: 'silent maple compass' },
  { username: 'oscar', name: 'Oscar Ode', role: 'customer', password: 'lemon-tree-lighthouse' },
  { username: 'peggy', name: 'Peggy Park', role: 'customer', password: 'ninety nine red kites' },
  { username: 'quinn', name: 'Quinn Quay', role: 'customer', password: 'harbor.salt.cedar' },
  { username: 'rosa', name: 'Rosa Reed', role: 'customer', password: 'winding road to oslo' },
];

export const PRODUCTS = [
  {
    name: 'Enamel camping mug',
    description: 'Holds 350 ml of coffee; survives being dropped.',
    priceCents: 1450,
  },
  { name: 'Wool socks', description: 'Merino, three pairs, grey.', priceCents: 2200 },
  { name: 'Cast iron skillet', description: '26 cm, pre-seasoned.', priceCents: 3900 },
  { name: 'Pocket knife', description: 'Locking blade, ash handle.', priceCents: 4500 },
  { name: 'Headlamp', description: '400 lumens, USB-C rechargeable.', priceCents: 2950 },
  { name: 'Trail map: Northern Ridge', description: 'Waterproof, 1:25 000.', priceCents: 1200 },
  {
    name: 'Insulated bottle',
    description: '750 ml steel bottle, keeps tea hot for 12 hours.',
    priceCents: 2700,
  },
  { name: 'Rain shell', description: 'Packable jacket with taped seams.', priceCents: 8900 },
  { name: 'Camp stove', description: 'Folding gas stove, 2.8 kW.', priceCents: 5400 },
  { name: 'Coffee grinder', description: 'Hand grinder with ceramic burrs.', priceCents: 3300 },
  { name: 'Tarp 3x3', description: 'Ripstop nylon with 16 tie-outs.', priceCents: 6100 },
  { name: 'Hammock', description: 'Parachute nylon, straps included.', priceCents: 4800 },
];

/** Saved payment cards: test numbers from the card networks' documentation, never real ones. */
export const CARDS = [
  { username: 'bob', holder: 'Bob Baker', brand: 'visa', pan: '4111111111111111', expires: '12/29' },
  { username: 'carol', holder: 'Carol Cole', brand: 'mastercard', pan: '5555555555554444', expires: '03/28' },
  { username: 'dave', holder: 'Dave Dodd', brand: 'visa', pan: '4012888888881881', expires: '07/27' },
  { username: 'erin', holder: 'Erin East', brand: 'amex', pan: '378282246310005', expires: '01/30' },
  { username: 'frank', holder: 'Frank Fox', brand: 'mastercard', pan: '5105105105105100', expires: '09/28' },
  { username: 'heidi', holder: 'Heidi Hill', brand: 'visa', pan: '4222222222222', expires: '05/29' },
];

/** Orders: [username, product name, quantity]. */
export const ORDERS = [
  ['bob', 'Enamel camping mug', 2],
  ['bob', 'Headlamp', 1],
  ['carol', 'Wool socks', 3],
  ['dave', 'Cast iron skillet', 1],
  ['erin', 'Rain shell', 1],
  ['frank', 'Camp stove', 1],
  ['heidi', 'Hammock', 1],
  ['ivan', 'Coffee grinder', 1],
];
