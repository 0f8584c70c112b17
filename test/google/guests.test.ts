/** A Google guest (not signed in, or not voice-matched) is told how to go on, never sent to account linking. */
import type { HttpApp } from '../../src/server/app';
import request from 'supertest';
import { testHttpApp } from '../support/http';
import { expectWellFormedSsml } from '../support/ssml';

function launch(verificationStatus?: string, locale = 'en-US') {
  return {
    handler: { name: 'Launch' },
    intent: { name: 'actions.intent.MAIN', params: {}, query: 'Talk to Saldo' },
    scene: { name: 'actions.scene.START_CONVERSATION', slotFillingStatus: 'UNSPECIFIED', slots: {} },
    session: { id: 'guest-session', params: {}, typeOverrides: [], languageCode: '' },
    user: {
      locale,
      params: {},
      accountLinkingStatus: 'NOT_LINKED',
      ...(verificationStatus ? { verificationStatus } : {}),
      packageEntitlements: [],
    },
    home: { params: {} },
    device: { capabilities: ['SPEECH', 'RICH_RESPONSE', 'LONG_FORM_AUDIO'] },
  };
}

describe('Google guests', () => {
  let app: HttpApp;
  beforeAll(async () => {
    ({ app } = await testHttpApp());
  });

  it.each(['GUEST', 'USER_VERIFICATION_STATUS_UNSPECIFIED'])(
    'a %s user hears how to sign in, and the conversation ends without account linking',
    async (status) => {
      const res = await request(app).post('/google').send(launch(status));
      expect(res.status).toBe(200);
      expect(res.body.scene.next.name).toBe('actions.scene.END_CONVERSATION');
      expect(res.body.prompt.firstSimple.speech).toContain('sign in to Google Assistant with your own account');
      expectWellFormedSsml(res.body.prompt.firstSimple.speech);
    },
  );

  it('a guest hears it in Spanish too', async () => {
    const res = await request(app).post('/google').send(launch('GUEST', 'es-ES'));
    expect(res.body.prompt.firstSimple.speech).toContain('inicia sesión en el Asistente de Google');
  });

  it('a verified user without a linked account is still sent to account linking', async () => {
    for (const status of ['VERIFIED', undefined]) {
      const res = await request(app).post('/google').send(launch(status));
      expect(res.body.scene.next.name).toBe('AccountLinking');
    }
  });
});
