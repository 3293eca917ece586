import type { Prng } from '../math/prng';

// Small built-in name and city lists: the demo must run offline and with no dependency on a faker library
// whose output changes between versions (which would silently change the seeded dataset).

type Country = 'de' | 'nl' | 'fr' | 'es' | 'it' | 'at';

interface City {
  name: string;
  country: Country;
  /** Real postcode range of the city, so addresses look right to someone who lives there. */
  from: number;
  to: number;
  /** Vienna's district codes move in steps of 10 (1010, 1020, …). */
  step?: number;
}

const CITIES: readonly City[] = [
  { name: 'Berlin', country: 'de', from: 10115, to: 14199 },
  { name: 'Hamburg', country: 'de', from: 20095, to: 22769 },
  { name: 'Munich', country: 'de', from: 80331, to: 81929 },
  { name: 'Cologne', country: 'de', from: 50667, to: 51149 },
  { name: 'Frankfurt am Main', country: 'de', from: 60306, to: 60599 },
  { name: 'Leipzig', country: 'de', from: 4103, to: 4357 },
  { name: 'Amsterdam', country: 'nl', from: 1011, to: 1109 },
  { name: 'Rotterdam', country: 'nl', from: 3011, to: 3089 },
  { name: 'Utrecht', country: 'nl', from: 3511, to: 3585 },
  { name: 'Paris', country: 'fr', from: 75001, to: 75020 },
  { name: 'Lyon', country: 'fr', from: 69001, to: 69009 },
  { name: 'Madrid', country: 'es', from: 28001, to: 28055 },
  { name: 'Barcelona', country: 'es', from: 8001, to: 8042 },
  { name: 'Milan', country: 'it', from: 20121, to: 20162 },
  { name: 'Rome', country: 'it', from: 118, to: 199 },
  { name: 'Vienna', country: 'at', from: 1010, to: 1230, step: 10 },
];

// Weighted towards the German and Dutch cities: the demo retailer is imagined as a chain based there.
const CITY_WEIGHTS: readonly number[] = [10, 6, 6, 5, 4, 3, 6, 4, 3, 4, 2, 3, 2, 3, 2, 3];

type NameCountry = Exclude<Country, 'at'>;

const FIRST_NAMES: Readonly<Record<NameCountry, readonly string[]>> = {
  de: [
    'Anna',
    'Lukas',
    'Lena',
    'Jonas',
    'Marie',
    'Felix',
    'Sophie',
    'Paul',
    'Hannah',
    'Maximilian',
    'Laura',
    'Tobias',
    'Julia',
    'Stefan',
    'Katrin',
    'Jürgen',
    'Sabine',
    'Niklas',
    'Greta',
    'Matthias',
  ],
  nl: [
    'Daan',
    'Emma',
    'Sem',
    'Julia',
    'Lucas',
    'Tess',
    'Bram',
    'Sanne',
    'Thijs',
    'Fleur',
    'Ruben',
    'Anouk',
    'Joris',
    'Lotte',
    'Sven',
    'Femke',
  ],
  fr: [
    'Camille',
    'Louis',
    'Chloé',
    'Hugo',
    'Léa',
    'Théo',
    'Manon',
    'Antoine',
    'Inès',
    'Mathieu',
    'Élodie',
    'Julien',
    'Margaux',
    'Nicolas',
    'Aurélie',
    'Baptiste',
  ],
  es: [
    'Lucía',
    'Hugo',
    'Sofía',
    'Pablo',
    'Martina',
    'Javier',
    'Carmen',
    'Alejandro',
    'Elena',
    'Diego',
    'Paula',
    'Sergio',
    'Marta',
    'Álvaro',
    'Irene',
    'José',
  ],
  it: [
    'Giulia',
    'Lorenzo',
    'Chiara',
    'Matteo',
    'Francesca',
    'Alessandro',
    'Sara',
    'Davide',
    'Martina',
    'Andrea',
    'Valentina',
    'Luca',
    'Elisa',
    'Marco',
    'Federica',
    'Niccolò',
  ],
};

const LAST_NAMES: Readonly<Record<NameCountry, readonly string[]>> = {
  de: [
    'Müller',
    'Schmidt',
    'Schneider',
    'Fischer',
    'Weber',
    'Meyer',
    'Wagner',
    'Becker',
    'Schulz',
    'Hoffmann',
    'Koch',
    'Richter',
    'Klein',
    'Wolf',
    'Schröder',
    'Neumann',
    'Braun',
    'Zimmermann',
    'Krüger',
    'Hartmann',
  ],
  nl: [
    'de Jong',
    'Jansen',
    'de Vries',
    'van den Berg',
    'van Dijk',
    'Bakker',
    'Visser',
    'Smit',
    'Meijer',
    'de Boer',
    'Mulder',
    'de Groot',
    'Bos',
    'Vos',
    'Peters',
    'Hendriks',
  ],
  fr: [
    'Martin',
    'Bernard',
    'Dubois',
    'Thomas',
    'Robert',
    'Richard',
    'Petit',
    'Durand',
    'Leroy',
    'Moreau',
    'Simon',
    'Laurent',
    'Lefèvre',
    'Michel',
    'Garcia',
    'Fournier',
  ],
  es: [
    'García',
    'Rodríguez',
    'González',
    'Fernández',
    'López',
    'Martínez',
    'Sánchez',
    'Pérez',
    'Gómez',
    'Martín',
    'Jiménez',
    'Ruiz',
    'Hernández',
    'Díaz',
    'Moreno',
    'Álvarez',
  ],
  it: [
    'Rossi',
    'Russo',
    'Ferrari',
    'Esposito',
    'Bianchi',
    'Romano',
    'Colombo',
    'Ricci',
    'Marino',
    'Greco',
    'Bruno',
    'Gallo',
    'Conti',
    'De Luca',
    'Mancini',
    'Costa',
  ],
};

const NAME_COUNTRIES: readonly NameCountry[] = ['de', 'nl', 'fr', 'es', 'it'];

// Letters Dutch postcodes actually use; SA, SD and SS are never issued.
const NL_LETTERS = 'ABCEGHJKLMNPRTVWXZ';

export interface Identity {
  firstName: string;
  lastName: string;
  email: string;
  city: string;
  postcode: string;
}

function postcodeFor(city: City, rng: Prng): string {
  const step = city.step ?? 1;
  const value = city.from + step * rng.int(0, Math.floor((city.to - city.from) / step));
  switch (city.country) {
    case 'nl':
      return `${value} ${rng.pick([...NL_LETTERS])}${rng.pick([...NL_LETTERS])}`;
    case 'at':
      return String(value);
    default:
      return String(value).padStart(5, '0');
  }
}

// ASCII only (Müller → muller, García → garcia): many mail systems still refuse non-ASCII local parts.
function emailPart(text: string): string {
  return text
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/**
 * A believable European shopper. The customer index goes into the e-mail address, which keeps addresses
 * unique across any number of customers; the domain is always example.com (reserved, never deliverable).
 */
export function drawIdentity(rng: Prng, index: number): Identity {
  const city = rng.weightedPick(CITIES, CITY_WEIGHTS);
  const home: NameCountry = city.country === 'at' ? 'de' : city.country;
  // Cities are mixed: one shopper in five carries a name from elsewhere in Europe.
  const nameCountry = rng.bernoulli(0.8) ? home : rng.pick(NAME_COUNTRIES);
  const firstName = rng.pick(FIRST_NAMES[nameCountry]);
  const lastName = rng.pick(LAST_NAMES[nameCountry]);
  const email = `${emailPart(firstName)}.${emailPart(lastName)}.${String(index).padStart(4, '0')}@example.com`;
  return { firstName, lastName, email, city: city.name, postcode: postcodeFor(city, rng) };
}
