import { AlexaTest, IntentRequestBuilder, LaunchRequestBuilder } from 'ask-sdk-test';
import { testSaldo } from '../support/app';

const settings = { appId: 'amzn1.ask.skill.test', userId: 'amzn1.ask.account.test', deviceId: 'amzn1.ask.device.test', locale: 'en-US' };
const { handler } = testSaldo();
const alexa = new AlexaTest(handler, settings);

describe('smoke', () => {
  alexa.test([
    { request: new LaunchRequestBuilder(settings).build(), withUserAccessToken: 'sandbox-token-john', saysLike: 'Welcome to Sandbox Bank', shouldEndSession: false },
    { request: new IntentRequestBuilder(settings, 'GetBalanceIntent').withSlotResolution('accountType', 'checking', 'ACCOUNT_TYPE', 'checking').build(), withUserAccessToken: 'sandbox-token-john', saysLike: '$1,234.56', shouldEndSession: false },
  ]);
});
