export * from './agency-key';
