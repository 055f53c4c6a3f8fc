// The demo organization's fixed records: Northwind Heating & Air, its people, customers, sites and windows.

export const DEMO_SLUG = 'northwind';

export const demoOrganization = {
  slug: DEMO_SLUG,
  name: 'Northwind Heating & Air',
  timeZone: 'America/New_York',
  officePhone: '+17045550100',
  officeEmail: 'office@northwind.example.com',
  primaryColor: '#0f4c81',
  accentColor: '#e8590c',
  labels: { 'appointment.title': 'Your service visit' },
  loginMode: 'otp',
  rescheduleCutoffHours: 24,
  cancelPolicy: 'portal',
  cancelPhone: '+17045550100',
  confirmationFlow: true,
} as const;

export const demoStaff = {
  admin: { email: 'admin@northwind.test', password: 'portico-admin-demo', name: 'Alex Morgan' },
  dispatcher: { email: 'dispatcher@northwind.test', password: 'portico-dispatch-demo', name: 'Dana Reyes' },
} as const;

export const demoTechnicians = [
  { name: 'Marcus Bell', phone: '+17045550111', email: 'marcus.bell@example.com', color: '#2563eb' },
  { name: 'Sofia Alvarez', phone: '+19805550112', email: 'sofia.alvarez@example.com', color: '#16a34a' },
  { name: 'Ethan Park', phone: '+13035550113', email: 'ethan.park@example.com', color: '#9333ea' },
] as const;

export type DemoWindowName = 'Morning' | 'Midday' | 'Evening';

/** Monday to Saturday; capacities are per window and day for the whole organization. */
export const demoWindows: { name: DemoWindowName; start: string; end: string; capacity: number }[] = [
  { name: 'Morning', start: '08:00', end: '12:00', capacity: 6 },
  { name: 'Midday', start: '12:00', end: '16:00', capacity: 6 },
  { name: 'Evening', start: '16:00', end: '19:00', capacity: 4 },
];
export const demoWindowDays = [1, 2, 3, 4, 5, 6];

const NEW_YORK = 'America/New_York';
const DENVER = 'America/Denver';

type DemoContact = {
  name: string;
  phone: string | null;
  email: string | null;
  preferredChannel: 'sms' | 'email';
  portal?: { role: 'contact' | 'account_admin'; status: 'active' | 'invited' };
};

type DemoSite = {
  name: string | null;
  addressLine1: string;
  addressLine2?: string;
  city: string;
  region: string;
  postalCode: string;
  timeZone: string;
  /** Index into the customer's contacts. */
  primary: number;
  secondary?: number;
};

export type DemoCustomer = {
  name: string;
  kind: 'person' | 'company';
  notes?: string;
  contacts: DemoContact[];
  sites: DemoSite[];
};

// Phone numbers use the 555-0100..0199 block, which is reserved for fiction in every North American area code.
export const demoCustomers: DemoCustomer[] = [
  {
    name: 'Maria Delgado',
    kind: 'person',
    contacts: [
      {
        name: 'Maria Delgado',
        phone: '+17045550120',
        email: 'maria.delgado@example.com',
        preferredChannel: 'sms',
        portal: { role: 'account_admin', status: 'active' },
      },
      {
        name: 'Luis Delgado',
        phone: '+17045550121',
        email: 'luis.delgado@example.com',
        preferredChannel: 'email',
      },
    ],
    sites: [
      {
        name: 'Home',
        addressLine1: '2417 Selwyn Ave',
        city: 'Charlotte',
        region: 'NC',
        postalCode: '28209',
        timeZone: NEW_YORK,
        primary: 0,
        secondary: 1,
      },
    ],
  },
  {
    name: "James O'Connor",
    kind: 'person',
    contacts: [
      {
        name: "James O'Connor",
        phone: '+19805550122',
        email: 'james.oconnor@example.com',
        preferredChannel: 'sms',
      },
    ],
    sites: [
      {
        name: null,
        addressLine1: '518 Hawthorne Ln',
        city: 'Charlotte',
        region: 'NC',
        postalCode: '28204',
        timeZone: NEW_YORK,
        primary: 0,
      },
    ],
  },
  {
    name: 'Priya Raman',
    kind: 'person',
    notes: 'Owns a rental in Boulder; prefers email for the rental.',
    contacts: [
      {
        name: 'Priya Raman',
        phone: '+17045550123',
        email: 'priya.raman@example.com',
        preferredChannel: 'email',
        portal: { role: 'account_admin', status: 'active' },
      },
      { name: 'Noah Fischer (tenant)', phone: '+13035550124', email: null, preferredChannel: 'sms' },
    ],
    sites: [
      {
        name: 'Home',
        addressLine1: '7730 Fairview Rd',
        city: 'Charlotte',
        region: 'NC',
        postalCode: '28226',
        timeZone: NEW_YORK,
        primary: 0,
      },
      {
        name: 'Boulder rental',
        addressLine1: '1209 Pearl St',
        addressLine2: 'Unit 3',
        city: 'Boulder',
        region: 'CO',
        postalCode: '80302',
        timeZone: DENVER,
        primary: 1,
        secondary: 0,
      },
    ],
  },
  {
    name: 'Tom Whitaker',
    kind: 'person',
    contacts: [
      {
        name: 'Tom Whitaker',
        phone: '+17205550125',
        email: 'tom.whitaker@example.com',
        preferredChannel: 'sms',
      },
      {
        name: 'Linda Whitaker',
        phone: '+17205550126',
        email: 'linda.whitaker@example.com',
        preferredChannel: 'sms',
        portal: { role: 'contact', status: 'invited' },
      },
    ],
    sites: [
      {
        name: null,
        addressLine1: '4420 Tennyson St',
        city: 'Denver',
        region: 'CO',
        postalCode: '80212',
        timeZone: DENVER,
        primary: 0,
        secondary: 1,
      },
    ],
  },
  {
    name: 'Harborview Dental Group',
    kind: 'company',
    contacts: [
      {
        name: 'Kelly Nguyen',
        phone: '+17045550127',
        email: 'kelly.nguyen@example.com',
        preferredChannel: 'email',
        portal: { role: 'account_admin', status: 'active' },
      },
      {
        name: 'Dr. Samuel Price',
        phone: '+17045550128',
        email: 'samuel.price@example.com',
        preferredChannel: 'sms',
      },
    ],
    sites: [
      {
        name: 'Uptown office',
        addressLine1: '301 S Tryon St',
        addressLine2: 'Suite 1200',
        city: 'Charlotte',
        region: 'NC',
        postalCode: '28202',
        timeZone: NEW_YORK,
        primary: 0,
        secondary: 1,
      },
      {
        name: 'SouthPark office',
        addressLine1: '4501 Cameron Valley Pkwy',
        city: 'Charlotte',
        region: 'NC',
        postalCode: '28211',
        timeZone: NEW_YORK,
        primary: 0,
      },
    ],
  },
  {
    name: 'Blue Ridge Coffee Roasters',
    kind: 'company',
    contacts: [
      {
        name: 'Hannah Brooks',
        phone: '+19805550129',
        email: 'hannah.brooks@example.com',
        preferredChannel: 'sms',
        portal: { role: 'contact', status: 'invited' },
      },
    ],
    sites: [
      {
        name: 'Roastery',
        addressLine1: '1000 Seaboard St',
        city: 'Charlotte',
        region: 'NC',
        postalCode: '28206',
        timeZone: NEW_YORK,
        primary: 0,
      },
    ],
  },
  {
    name: 'Cedar Lane Apartments',
    kind: 'company',
    notes: 'Check in at the leasing office before going to a building.',
    contacts: [
      {
        name: 'Robert Chen',
        phone: '+17045550130',
        email: 'robert.chen@example.com',
        preferredChannel: 'sms',
        portal: { role: 'account_admin', status: 'invited' },
      },
      {
        name: 'Maintenance desk',
        phone: '+17045550131',
        email: 'maintenance.cedarlane@example.com',
        preferredChannel: 'email',
      },
    ],
    sites: [
      {
        name: 'Building A',
        addressLine1: '2200 Cedar Ln',
        city: 'Matthews',
        region: 'NC',
        postalCode: '28105',
        timeZone: NEW_YORK,
        primary: 0,
        secondary: 1,
      },
      {
        name: 'Building C',
        addressLine1: '2240 Cedar Ln',
        city: 'Matthews',
        region: 'NC',
        postalCode: '28105',
        timeZone: NEW_YORK,
        primary: 1,
        secondary: 0,
      },
    ],
  },
  {
    name: 'Summit Veterinary Clinic',
    kind: 'company',
    contacts: [
      {
        name: 'Dr. Alicia Moreno',
        phone: '+13035550132',
        email: 'alicia.moreno@example.com',
        preferredChannel: 'email',
      },
      {
        name: 'Jordan Lee',
        phone: '+13035550133',
        email: 'frontdesk.summitvet@example.com',
        preferredChannel: 'sms',
        portal: { role: 'contact', status: 'active' },
      },
    ],
    sites: [
      {
        name: 'Clinic',
        addressLine1: '1550 S Pearl St',
        city: 'Denver',
        region: 'CO',
        postalCode: '80210',
        timeZone: DENVER,
        primary: 1,
        secondary: 0,
      },
    ],
  },
  {
    name: 'Front Range Brewing Co.',
    kind: 'company',
    contacts: [
      { name: 'Ben Carter', phone: '+17205550134', email: 'ben.carter@example.com', preferredChannel: 'sms' },
    ],
    sites: [
      {
        name: 'Taproom',
        addressLine1: '2701 Larimer St',
        city: 'Denver',
        region: 'CO',
        postalCode: '80205',
        timeZone: DENVER,
        primary: 0,
      },
      {
        name: 'Warehouse',
        addressLine1: '5100 Race St',
        city: 'Denver',
        region: 'CO',
        postalCode: '80216',
        timeZone: DENVER,
        primary: 0,
      },
    ],
  },
  {
    name: 'Angela Foster',
    kind: 'person',
    contacts: [
      {
        name: 'Angela Foster',
        phone: '+13035550135',
        email: 'angela.foster@example.com',
        preferredChannel: 'sms',
      },
    ],
    sites: [
      {
        name: null,
        addressLine1: '1845 Garfield St',
        city: 'Denver',
        region: 'CO',
        postalCode: '80206',
        timeZone: DENVER,
        primary: 0,
      },
    ],
  },
  {
    name: 'David Kim',
    kind: 'person',
    contacts: [
      { name: 'David Kim', phone: '+19805550136', email: 'david.kim@example.com', preferredChannel: 'sms' },
      { name: 'Grace Kim', phone: '+19805550137', email: 'grace.kim@example.com', preferredChannel: 'email' },
    ],
    sites: [
      {
        name: null,
        addressLine1: '10315 Stone Bunker Dr',
        city: 'Charlotte',
        region: 'NC',
        postalCode: '28277',
        timeZone: NEW_YORK,
        primary: 0,
        secondary: 1,
      },
    ],
  },
  {
    name: 'Lakeside Montessori School',
    kind: 'company',
    contacts: [
      {
        name: 'Rachel Adams',
        phone: '+17205550138',
        email: 'rachel.adams@example.com',
        preferredChannel: 'email',
      },
      { name: 'Facilities line', phone: '+17205550139', email: null, preferredChannel: 'sms' },
    ],
    sites: [
      {
        name: 'Main campus',
        addressLine1: '6100 S Broadway',
        city: 'Littleton',
        region: 'CO',
        postalCode: '80121',
        timeZone: DENVER,
        primary: 0,
        secondary: 1,
      },
    ],
  },
];

export const residentialServices = [
  'AC tune-up',
  'AC not cooling',
  'Furnace repair',
  'No heat call',
  'Heat pump installation',
  'Thermostat replacement',
  'Duct cleaning',
  'Water heater service',
  'Annual maintenance plan visit',
  'Indoor air quality check',
];

export const commercialServices = [
  'Rooftop unit service',
  'Quarterly preventive maintenance',
  'Walk-in cooler inspection',
  'Split system repair',
  'Ventilation balancing',
  'Thermostat replacement',
];

export const cancelReasons = [
  'Customer sold the property.',
  'Customer fixed it themselves (tripped breaker).',
  'Duplicate of another work order.',
  'Customer cancelled in the portal.',
];

export const failReasons = [
  'No one home at arrival; left a door tag.',
  'Part on backorder: condenser fan motor.',
  'Gate locked and no answer on the contact phone.',
];
