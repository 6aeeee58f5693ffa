// Realistic contact lists, shaped field by field like the sample in the vendor's Delete Contact List page.
import { randomUUID } from 'node:crypto';

export interface FakeApp {
  readonly iid: string;
  readonly accountId: string;
  readonly orgId: string;
  /** The app's Client ID: the `appId` claim of a JWT signed for it. */
  readonly clientId: string;
  /** The app's Client Secret: the HS256 key its JWTs are signed with. */
  readonly clientSecret: string;
  /** Ready-made tokens the server also accepts as they are (what a user pastes). */
  readonly staticTokens: readonly string[];
  /** Which API dialects this app's tenant serves (see FakeKoreServer); by default v1 only, as the seed documents. */
  readonly dialects?: readonly FakeDialect[];
}

/** The documented forms of the contact-list API (src/core/koreApiPaths has the client's table of them). */
export type FakeDialect = 'v1' | 'v1-legacy' | 'v2';

export type ContactListData = Record<string, unknown> & { _id: string; name: string; iId: string; accountId: string };

export const DEFAULT_APP: FakeApp = {
  iid: 'st-0603182c-7ffb-53c3-b307-47ca14b9a001',
  accountId: '67777ce93e25326494e9a001',
  orgId: 'o-f8b351e7-f83a-51bd-bd42-d5d4086a001',
  clientId: 'cs-5f1e9a52-3c1d-5a7e-9d4b-0c2f8e6da001',
  clientSecret: 'fake-client-secret-for-the-local-kore-server-0001',
  staticTokens: ['fake-kore-static-token-0001'],
};

const USER = 'u-eb5bbee1-6af9-5b9a-b471-03a3fe48a001';

function newContactListId(): string {
  // The vendor's ids: "cl-" and a UUID whose first group is one character short.
  return `cl-${randomUUID().slice(1)}`;
}

export function makeContactList(app: FakeApp, fields: Partial<ContactListData> & { name: string }): ContactListData {
  const { name, ...rest } = fields;
  return {
    _id: fields._id ?? newContactListId(),
    isActive: true,
    orgId: app.orgId,
    name,
    lname: name.toLowerCase(),
    description: '',
    totalRecordCount: 0,
    status: 'Ready',
    createdBy: USER,
    updatedBy: USER,
    mapping: { firstName: 'firstName', lastName: 'lastName', phoneNumber: 'phoneNumber', timeZone: 'timeZone', uniqueId: 'uniqueId' },
    isListInUse: false,
    iId: app.iid,
    listType: 'call',
    campaignInUse: [],
    accountId: app.accountId,
    source: 'passiveApiIntegration',
    apiConfigurations: { dataSyncMode: 'allowDuplicates' },
    files: [],
    createdAt: '2025-06-26T12:32:02.735Z',
    updatedAt: '2025-06-26T12:38:25.793Z',
    ...rest,
  };
}

/** The lists the demo and the tests start with. Fixed ids, so a README or a test can name them. */
export function seedContactLists(app: FakeApp = DEFAULT_APP): ContactListData[] {
  return [
    makeContactList(app, {
      _id: 'cl-c2ce382-2516-457e-8eb4-9847deec0001',
      name: 'Renewal Due - August 2025',
      description:
        'This list contains customers with services expiring in July 2025. It includes contact details and subscription info to help agents provide tailored support during live calls.',
    }),
    makeContactList(app, {
      _id: 'cl-5b7d0e1-88a2-4c3f-9d61-2f4e7a9b0002',
      name: 'Renewal Due - September 2025',
      description: 'Customers whose plans expire in September 2025.',
      totalRecordCount: 1284,
      createdAt: '2025-07-28T09:14:40.120Z',
      updatedAt: '2025-08-02T16:05:11.902Z',
    }),
    makeContactList(app, {
      _id: 'cl-9e3a4f2-1c6b-4d8e-a7f0-6b2c9d1e0003',
      name: 'Win-back - Churned Q2 2025',
      description: 'Former subscribers who cancelled between April and June 2025.',
      totalRecordCount: 342,
      isListInUse: true,
      campaignInUse: ['cmp-2f0c7e1-9a4b-4c2d-8e6f-1a3b5c7d0001'],
      source: 'upload',
      files: [{ fileName: 'winback-q2.csv', recordCount: 342 }],
    }),
    makeContactList(app, {
      _id: 'cl-0a1b2c3-4d5e-4f60-8a7b-9c0d1e2f0004',
      name: 'SMS Reminders - Appointments',
      listType: 'sms',
      totalRecordCount: 57,
      status: 'Processing',
    }),
  ];
}
