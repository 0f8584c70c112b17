import { closeTestApplications } from './app';

afterAll(closeTestApplications);
