// The Service Reference Variant catalogue of dcc.md section 4, as data (derived mechanically from
// the 297 DUIS templates [T] there): per SRV the body element, the GBCS use cases its templates
// name, the command variants seen, the criticality class, whether it may be future-dated, the
// template count and the eligible User Roles. The roles column is [K] in the spec (from memory of
// SEC Appendix E, dcc.md 15 question 1): it is the default of the eligibility configuration, and
// access control reads it through DccConfig so that it can be replaced without code changes.

export type UserRole = 'IS' | 'ES' | 'GS' | 'ED' | 'GT' | 'OU';
export const USER_ROLES: readonly UserRole[] = ['IS', 'ES', 'GS', 'ED', 'GT', 'OU'];

/** dcc.md 4 'Crit': C critical (CV 4 then 5/6/7), NC, NC+ (prepayment crypto), NC-C-COS / NC-C-DCC
 *  (sent as CV 1, the critical command is signed by the DCC), ND non-device (CV 8). */
export type Criticality = 'C' | 'NC' | 'NC+' | 'NC-C-COS' | 'NC-C-DCC' | 'ND';

export interface SrvRow {
  readonly srv: string;
  /** The service element under sr:Body (XML local name). */
  readonly body: string;
  /** GBCS use-case tags in template names (empty for non-device SRVs). */
  readonly useCases: readonly string[];
  /** Command variants seen in the templates. */
  readonly cvs: readonly number[];
  readonly crit: Criticality;
  readonly futureDated: boolean;
  readonly templates: number;
  readonly roles: readonly UserRole[];
  /** Rows whose eligibility is not a plain role list (dcc.md 4: 5.1, 5.2/5.3, 6.23). */
  readonly rule?: 'as-scheduled' | 'schedule-owner' | 'incoming-supplier';
}

export const SRV_CATALOGUE: readonly SrvRow[] = [
  { srv: '1.1.1', body: 'UpdateImportTariffPrimaryElement', useCases: ['ECS01a', 'GCS01a'], cvs: [4], crit: 'C', futureDated: true, templates: 7, roles: ['IS', 'GS'] },
  { srv: '1.1.2', body: 'UpdateImportTariffSecondaryElement', useCases: ['ECS01c'], cvs: [4], crit: 'C', futureDated: true, templates: 3, roles: ['IS'] },
  { srv: '1.2.1', body: 'UpdatePricePrimaryElement', useCases: ['ECS01b', 'GCS01b'], cvs: [4], crit: 'C', futureDated: true, templates: 7, roles: ['IS', 'GS'] },
  { srv: '1.2.2', body: 'UpdatePriceSecondaryElement', useCases: ['ECS01d'], cvs: [4], crit: 'C', futureDated: true, templates: 3, roles: ['IS'] },
  { srv: '1.5', body: 'UpdateMeterBalance', useCases: ['ECS04a', 'ECS04b', 'GCS40a', 'GCS40b', 'GCS40c', 'GCS40d'], cvs: [4], crit: 'C', futureDated: false, templates: 6, roles: ['IS', 'GS'] },
  { srv: '1.6', body: 'UpdatePaymentMode', useCases: ['ECS02', 'ECS03', 'GCS02', 'GCS03'], cvs: [4], crit: 'C', futureDated: true, templates: 12, roles: ['IS', 'GS'] },
  { srv: '1.7', body: 'ResetTariffBlockCounterMatrix', useCases: ['ECS05'], cvs: [4], crit: 'C', futureDated: false, templates: 1, roles: ['IS'] },
  { srv: '2.1', body: 'UpdatePrepayConfiguration', useCases: ['ECS08', 'ECS08a', 'GCS05'], cvs: [4], crit: 'C', futureDated: true, templates: 9, roles: ['IS', 'GS'] },
  { srv: '2.2', body: 'TopUpDevice', useCases: ['CS01a', 'CS01b'], cvs: [1], crit: 'NC+', futureDated: false, templates: 2, roles: ['IS', 'GS'] },
  { srv: '2.3', body: 'UpdateDebt', useCases: ['ECS07', 'GCS04'], cvs: [4], crit: 'C', futureDated: false, templates: 2, roles: ['IS', 'GS'] },
  { srv: '2.5', body: 'ActivateEmergencyCredit', useCases: ['ECS09', 'GCS06'], cvs: [4], crit: 'C', futureDated: false, templates: 2, roles: ['IS', 'GS'] },
  { srv: '3.1', body: 'DisplayMessage', useCases: ['ECS10', 'GCS07'], cvs: [1], crit: 'NC', futureDated: false, templates: 2, roles: ['IS', 'GS'] },
  { srv: '3.2', body: 'RestrictAccessForChangeOfTenancy', useCases: ['ECS12', 'GCS09'], cvs: [1], crit: 'NC', futureDated: false, templates: 2, roles: ['IS', 'GS'] },
  { srv: '3.3', body: 'ClearEventLog', useCases: ['CS11', 'ECS15a', 'ECS15c'], cvs: [1], crit: 'NC', futureDated: false, templates: 3, roles: ['IS', 'GS'] },
  { srv: '3.4', body: 'UpdateSupplierName', useCases: ['ECS16', 'GCS44'], cvs: [1], crit: 'NC', futureDated: false, templates: 2, roles: ['IS', 'GS'] },
  { srv: '3.5', body: 'DisablePrivacyPIN', useCases: ['ECS14', 'GCS11'], cvs: [1], crit: 'NC', futureDated: false, templates: 2, roles: ['IS', 'GS'] },
  { srv: '4.1.1', body: 'ReadInstantaneousImportRegisters', useCases: ['ECS17b', 'GCS13a'], cvs: [1, 2], crit: 'NC', futureDated: true, templates: 7, roles: ['IS', 'GS', 'ED', 'OU'] },
  { srv: '4.1.2', body: 'ReadInstantaneousImportTOUMatrices', useCases: ['ECS17d', 'GCS13c'], cvs: [1], crit: 'NC', futureDated: false, templates: 5, roles: ['IS', 'GS', 'OU'] },
  { srv: '4.1.3', body: 'ReadInstantaneousImportTOUWithBlocksMatrices', useCases: ['ECS17e'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['IS', 'OU'] },
  { srv: '4.1.4', body: 'ReadInstantaneousImportBlockCounters', useCases: ['GCS13b'], cvs: [1], crit: 'NC', futureDated: false, templates: 3, roles: ['GS', 'OU'] },
  { srv: '4.2', body: 'ReadInstantaneousExportRegisters', useCases: ['ECS17a'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['IS', 'ES', 'ED', 'OU'] },
  { srv: '4.3', body: 'ReadInstantaneousPrepayValues', useCases: ['ECS19', 'GCS14'], cvs: [1], crit: 'NC', futureDated: false, templates: 4, roles: ['IS', 'GS'] },
  { srv: '4.4.2', body: 'RetrieveCoMOrTariffTriggeredBillingDataLog', useCases: ['ECS20b', 'GCS15b'], cvs: [1], crit: 'NC', futureDated: false, templates: 3, roles: ['IS', 'GS'] },
  { srv: '4.4.3', body: 'RetrieveBillingCalendarTriggeredBillingDataLog', useCases: ['ECS20c', 'GCS15c'], cvs: [1], crit: 'NC', futureDated: false, templates: 3, roles: ['IS', 'GS'] },
  { srv: '4.4.4', body: 'RetrieveBillingDataLogDebtPayments', useCases: ['ECS20a', 'GCS15d'], cvs: [1], crit: 'NC', futureDated: false, templates: 2, roles: ['IS', 'GS'] },
  { srv: '4.4.5', body: 'RetrieveBillingDataLogPrepaymentCredits', useCases: ['ECS20d', 'GCS15e'], cvs: [1], crit: 'NC', futureDated: false, templates: 2, roles: ['IS', 'GS'] },
  { srv: '4.6.1', body: 'RetrieveImportDailyReadLog', useCases: ['ECS21a', 'GCS16a'], cvs: [1], crit: 'NC', futureDated: false, templates: 3, roles: ['IS', 'GS', 'OU'] },
  { srv: '4.6.2', body: 'RetrieveExportDailyReadLog', useCases: ['ECS21c'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['IS', 'ES', 'OU'] },
  { srv: '4.8.1', body: 'ReadActiveImportProfileData', useCases: ['ECS22b', 'GCS17'], cvs: [1], crit: 'NC', futureDated: false, templates: 3, roles: ['IS', 'GS', 'ED', 'GT', 'OU'] },
  { srv: '4.8.2', body: 'ReadReactiveImportProfileData', useCases: ['ECS22c'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['IS', 'ED', 'OU'] },
  { srv: '4.8.3', body: 'ReadExportProfileData', useCases: ['ECS22a'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['IS', 'ES', 'ED', 'OU'] },
  { srv: '4.10', body: 'ReadNetworkData', useCases: ['ECS23', 'ECS23b', 'GCS18'], cvs: [1], crit: 'NC', futureDated: false, templates: 3, roles: ['IS', 'ED', 'GT'] },
  { srv: '4.11.1', body: 'ReadTariffPrimaryElement', useCases: ['ECS24', 'GCS21f'], cvs: [1], crit: 'NC', futureDated: false, templates: 2, roles: ['IS', 'GS'] },
  { srv: '4.11.2', body: 'ReadTariffSecondaryElement', useCases: ['ECS24b'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['IS'] },
  { srv: '4.12.1', body: 'ReadMaximumDemandImportRegisters', useCases: ['ECS18b'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['IS', 'ED'] },
  { srv: '4.12.2', body: 'ReadMaximumDemandExportRegisters', useCases: ['ECS18a'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['IS', 'ES', 'ED'] },
  { srv: '4.13', body: 'ReadPrepaymentConfiguration', useCases: ['ECS26a', 'GCS21b'], cvs: [1], crit: 'NC', futureDated: false, templates: 3, roles: ['IS', 'GS'] },
  { srv: '4.14', body: 'ReadPrepaymentDailyReadLog', useCases: ['ECS21b', 'GCS16b'], cvs: [1], crit: 'NC', futureDated: false, templates: 4, roles: ['IS', 'GS', 'OU'] },
  { srv: '4.15', body: 'ReadLoadLimitData', useCases: ['ECS27'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['IS', 'ED'] },
  { srv: '4.16', body: 'ReadActivePowerImport', useCases: ['ECS17c'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['IS', 'ED', 'OU'] },
  { srv: '4.17', body: 'RetrieveDailyConsumptionLog', useCases: ['ECS66', 'GCS61'], cvs: [1], crit: 'NC', futureDated: false, templates: 2, roles: ['IS', 'GS', 'OU'] },
  { srv: '4.18', body: 'ReadMeterBalance', useCases: ['ECS82', 'GCS60', 'GCS60a'], cvs: [1], crit: 'NC', futureDated: false, templates: 5, roles: ['IS', 'GS'] },
  { srv: '5.1', body: 'CreateSchedule', useCases: ['ECS21a'], cvs: [8], crit: 'ND', futureDated: false, templates: 1, roles: ['IS', 'ES', 'GS', 'ED', 'GT', 'OU'], rule: 'as-scheduled' },
  { srv: '5.2', body: 'ReadSchedule', useCases: [], cvs: [8], crit: 'ND', futureDated: false, templates: 1, roles: ['IS', 'ES', 'GS', 'ED', 'GT', 'OU'], rule: 'schedule-owner' },
  { srv: '5.3', body: 'DeleteSchedule', useCases: [], cvs: [8], crit: 'ND', futureDated: false, templates: 1, roles: ['IS', 'ES', 'GS', 'ED', 'GT', 'OU'], rule: 'schedule-owner' },
  { srv: '6.2.1', body: 'ReadDeviceConfigurationVoltage', useCases: ['ECS26b', 'ECS26k'], cvs: [1], crit: 'NC', futureDated: false, templates: 2, roles: ['IS', 'ED'] },
  { srv: '6.2.2', body: 'ReadDeviceConfigurationRandomisation', useCases: ['ECS26c'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['IS'] },
  { srv: '6.2.3', body: 'ReadDeviceConfigurationBillingCalendar', useCases: ['ECS26d', 'ECS26l', 'GCS21d', 'GCS21k'], cvs: [1], crit: 'NC', futureDated: false, templates: 4, roles: ['IS', 'GS'] },
  { srv: '6.2.4', body: 'ReadDeviceConfigurationIdentityExcMPxN', useCases: ['ECS26e', 'ECS26i', 'ECS26m', 'ECS26n', 'GCS21e', 'GCS21m'], cvs: [1], crit: 'NC', futureDated: false, templates: 6, roles: ['IS', 'ES', 'GS', 'ED', 'GT', 'OU'] },
  { srv: '6.2.5', body: 'ReadDeviceConfigurationInstantaneousPowerThresholds', useCases: ['ECS26f'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['IS', 'ED'] },
  { srv: '6.2.7', body: 'ReadDeviceConfigurationMPxN', useCases: ['ECS40', 'GCS46'], cvs: [1], crit: 'NC', futureDated: false, templates: 3, roles: ['IS', 'ES', 'GS', 'ED', 'GT'] },
  { srv: '6.2.8', body: 'ReadDeviceConfigurationGas', useCases: ['GCS21a'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['GS', 'GT'] },
  { srv: '6.2.9', body: 'ReadDeviceConfigurationPaymentMode', useCases: ['ECS26j', 'GCS21j'], cvs: [1], crit: 'NC', futureDated: false, templates: 2, roles: ['IS', 'GS'] },
  { srv: '6.2.10', body: 'ReadDeviceConfigurationEventAndAlertBehaviours', useCases: ['ECS25r', 'GCS20r'], cvs: [1], crit: 'NC', futureDated: false, templates: 3, roles: ['IS', 'GS', 'ED', 'GT'] },
  { srv: '6.4.1', body: 'UpdateDeviceConfigurationLoadLimitingGeneralSettings', useCases: ['ECS28a'], cvs: [4], crit: 'C', futureDated: true, templates: 3, roles: ['IS'] },
  { srv: '6.4.2', body: 'UpdateDeviceConfigurationLoadLimitingCounterReset', useCases: ['ECS28b'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['IS'] },
  { srv: '6.5', body: 'UpdateDeviceConfigurationVoltage', useCases: ['ECS29a', 'ECS29b', 'ECS29c', 'ECS29d'], cvs: [1], crit: 'NC', futureDated: false, templates: 4, roles: ['ED'] },
  { srv: '6.6', body: 'UpdateDeviceConfigurationGasConversion', useCases: ['GCS23'], cvs: [4], crit: 'C', futureDated: false, templates: 1, roles: ['GS'] },
  { srv: '6.7', body: 'UpdateDeviceConfigurationGasFlow', useCases: ['GCS24', 'GCS24a'], cvs: [4], crit: 'C', futureDated: false, templates: 2, roles: ['GS'] },
  { srv: '6.8', body: 'UpdateDeviceConfigurationBillingCalendar', useCases: ['ECS30', 'ECS30a', 'GCS25', 'GCS25a'], cvs: [4], crit: 'C', futureDated: false, templates: 4, roles: ['IS', 'GS'] },
  { srv: '6.11', body: 'SynchroniseClock', useCases: ['ECS70', 'GCS28'], cvs: [4], crit: 'C', futureDated: false, templates: 2, roles: ['IS', 'GS'] },
  { srv: '6.12', body: 'UpdateDeviceConfigurationInstantaneousPowerThreshold', useCases: ['ECS34'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['IS', 'ED'] },
  { srv: '6.13', body: 'ReadEventOrSecurityLog', useCases: ['CS10a', 'CS10b', 'ECS35a', 'ECS35b', 'ECS35c', 'ECS35d', 'ECS35e', 'ECS35f', 'ECS35g'], cvs: [1], crit: 'NC', futureDated: false, templates: 9, roles: ['IS', 'ES', 'GS', 'ED', 'GT'] },
  { srv: '6.14.1', body: 'UpdateDeviceConfigurationALCDescriptions', useCases: ['ECS46a'], cvs: [4], crit: 'C', futureDated: false, templates: 2, roles: ['IS'] },
  { srv: '6.14.2', body: 'UpdateDeviceConfigurationALCScheduler', useCases: ['ECS46c'], cvs: [4], crit: 'C', futureDated: true, templates: 3, roles: ['IS'] },
  { srv: '6.14.3', body: 'UpdateDeviceConfigurationAuxiliaryControllerScheduler', useCases: ['ECS46d'], cvs: [4], crit: 'C', futureDated: true, templates: 5, roles: ['IS'] },
  { srv: '6.15.1', body: 'UpdateSecurityCredentialsKRP', useCases: ['CS02b', 'CS02g'], cvs: [4], crit: 'C', futureDated: true, templates: 7, roles: ['IS', 'GS', 'ED', 'GT'] },
  { srv: '6.15.2', body: 'UpdateSecurityCredentialsDevice', useCases: ['CS02d'], cvs: [4], crit: 'C', futureDated: false, templates: 1, roles: ['IS', 'GS'] },
  { srv: '6.17', body: 'IssueSecurityCredentials', useCases: ['CS02c'], cvs: [4], crit: 'C', futureDated: false, templates: 1, roles: ['IS', 'GS'] },
  { srv: '6.18.1', body: 'SetMaximumDemandConfigurableTimePeriod', useCases: ['ECS37'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['IS', 'ED'] },
  { srv: '6.18.2', body: 'ResetMaximumDemandRegisters', useCases: ['ECS57'], cvs: [1], crit: 'NC', futureDated: false, templates: 2, roles: ['IS', 'ED'] },
  { srv: '6.20.1', body: 'SetDeviceConfigurationImportMPxN', useCases: ['ECS39a', 'GCS41'], cvs: [1], crit: 'NC', futureDated: false, templates: 3, roles: ['IS', 'GS'] },
  { srv: '6.20.2', body: 'SetDeviceConfigurationExportMPAN', useCases: ['ECS39b'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['IS'] },
  { srv: '6.21', body: 'RequestHandoverOfDCCControlledDevice', useCases: ['CS02b'], cvs: [1], crit: 'NC-C-DCC', futureDated: false, templates: 2, roles: ['IS', 'GS', 'ED', 'GT'] },
  { srv: '6.22', body: 'ConfigureAlertBehaviour', useCases: ['ECS25a', 'ECS25b', 'GCS20'], cvs: [1], crit: 'NC', futureDated: false, templates: 7, roles: ['IS', 'GS', 'ED', 'GT'] },
  { srv: '6.23', body: 'UpdateSecurityCredentialsCoS', useCases: ['CS02b'], cvs: [1], crit: 'NC-C-COS', futureDated: true, templates: 3, roles: ['IS', 'GS'], rule: 'incoming-supplier' },
  { srv: '6.24.1', body: 'RetrieveDeviceSecurityCredentialsKRP', useCases: ['CS02a', 'CS02f'], cvs: [1], crit: 'NC', futureDated: false, templates: 2, roles: ['IS', 'GS', 'ED', 'GT'] },
  { srv: '6.24.2', body: 'RetrieveDeviceSecurityCredentialsDevice', useCases: ['CS02e'], cvs: [4], crit: 'C', futureDated: false, templates: 1, roles: ['IS', 'GS'] },
  { srv: '6.25', body: 'SetElectricitySupplyTamperState', useCases: ['ECS81'], cvs: [4], crit: 'C', futureDated: false, templates: 1, roles: ['IS'] },
  { srv: '6.26', body: 'UpdateDeviceConfigurationDailyResettingOfTariffBlockCounterMatrix', useCases: ['ECS48'], cvs: [4], crit: 'C', futureDated: false, templates: 1, roles: ['IS'] },
  { srv: '6.27', body: 'UpdateDeviceConfigurationRMSVoltageCounterReset', useCases: ['ECS29e', 'ECS29f'], cvs: [1], crit: 'NC', futureDated: false, templates: 2, roles: ['ED'] },
  { srv: '6.28', body: 'SetCHFSubGHzConfiguration', useCases: ['DBCH04'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['IS', 'GS'] },
  { srv: '6.29', body: 'RequestCHFSubGHzChannelScan', useCases: ['DBCH05'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['IS', 'GS'] },
  { srv: '6.30', body: 'ReadCHFSubGHzConfiguration', useCases: ['DBCH03'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['IS', 'GS', 'ED', 'GT'] },
  { srv: '6.31', body: 'ReadCHFSubGHzChannel', useCases: ['DBCH01'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['IS', 'GS', 'ED', 'GT'] },
  { srv: '6.32', body: 'ReadCHFSubGHzChannelLog', useCases: ['DBCH02'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['IS', 'GS', 'ED', 'GT'] },
  { srv: '7.1', body: 'EnableSupply', useCases: ['ECS42'], cvs: [4], crit: 'C', futureDated: false, templates: 1, roles: ['IS'] },
  { srv: '7.2', body: 'DisableSupply', useCases: ['ECS43', 'GCS32'], cvs: [4], crit: 'C', futureDated: false, templates: 2, roles: ['IS', 'GS'] },
  { srv: '7.3', body: 'ArmSupply', useCases: ['ECS44', 'GCS39'], cvs: [4], crit: 'C', futureDated: false, templates: 2, roles: ['IS', 'GS'] },
  { srv: '7.4', body: 'ReadSupplyStatus', useCases: ['ECS45', 'GCS33'], cvs: [1], crit: 'NC', futureDated: false, templates: 2, roles: ['IS', 'GS', 'ED', 'GT'] },
  { srv: '7.5', body: 'ActivateAuxiliaryLoad', useCases: ['ECS47'], cvs: [4], crit: 'C', futureDated: false, templates: 1, roles: ['IS'] },
  { srv: '7.6', body: 'DeactivateAuxiliaryLoad', useCases: ['ECS47'], cvs: [4], crit: 'C', futureDated: false, templates: 1, roles: ['IS'] },
  { srv: '7.7', body: 'ReadALCSData', useCases: ['ECS61a'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['IS'] },
  { srv: '7.8', body: 'ResetAuxiliaryLoad', useCases: ['ECS47'], cvs: [4], crit: 'C', futureDated: false, templates: 1, roles: ['IS'] },
  { srv: '7.9', body: 'AddAuxiliaryLoadToBoostButton', useCases: ['ECS62'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['IS'] },
  { srv: '7.10', body: 'RemoveAuxiliaryLoadFromBoostButton', useCases: ['ECS62'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['IS'] },
  { srv: '7.11', body: 'ReadBoostButtonDetails', useCases: ['ECS61c'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['IS'] },
  { srv: '7.12', body: 'SetRandomisedOffsetLimit', useCases: ['ECS38'], cvs: [4], crit: 'C', futureDated: false, templates: 1, roles: ['IS'] },
  { srv: '7.13', body: 'SetAuxiliaryControllerState', useCases: ['ECS47a'], cvs: [4], crit: 'C', futureDated: false, templates: 4, roles: ['IS'] },
  { srv: '7.14', body: 'ReadAuxiliaryControllerConfigurationData', useCases: ['ECS61d'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['IS'] },
  { srv: '7.15', body: 'ReadAuxiliaryControllerOperationalData', useCases: ['ECS61e'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['IS'] },
  { srv: '7.16', body: 'LimitAPCLevel', useCases: ['ECS47e'], cvs: [4], crit: 'C', futureDated: false, templates: 2, roles: ['IS'] },
  { srv: '8.1.1', body: 'CommissionDeviceSynchroniseClock', useCases: ['ECS70', 'GCS28'], cvs: [4], crit: 'C', futureDated: false, templates: 2, roles: ['IS', 'GS'] },
  { srv: '8.2', body: 'ReadInventory', useCases: [], cvs: [8], crit: 'ND', futureDated: false, templates: 1, roles: ['IS', 'ES', 'GS', 'ED', 'GT', 'OU'] },
  { srv: '8.3', body: 'DecommissionDevice', useCases: [], cvs: [8], crit: 'ND', futureDated: false, templates: 1, roles: ['IS', 'GS'] },
  { srv: '8.4', body: 'UpdateInventory', useCases: [], cvs: [8], crit: 'ND', futureDated: false, templates: 1, roles: ['IS', 'GS'] },
  { srv: '8.5', body: 'ServiceOptOut', useCases: ['CS02b'], cvs: [1], crit: 'NC-C-DCC', futureDated: true, templates: 1, roles: ['IS', 'GS'] },
  { srv: '8.6', body: 'ServiceOptIn', useCases: [], cvs: [8], crit: 'ND', futureDated: false, templates: 1, roles: ['IS', 'GS'] },
  { srv: '8.7.1', body: 'JoinServiceCritical', useCases: ['CS03A1', 'CS03A2', 'CS03C'], cvs: [4], crit: 'C', futureDated: false, templates: 3, roles: ['IS', 'GS'] },
  { srv: '8.7.2', body: 'JoinServiceNonCritical', useCases: ['CS03A2', 'CS03B', 'CS03C'], cvs: [1], crit: 'NC', futureDated: false, templates: 3, roles: ['IS', 'GS', 'OU'] },
  { srv: '8.8.1', body: 'UnjoinServiceCritical', useCases: ['CS04AC'], cvs: [4], crit: 'C', futureDated: false, templates: 1, roles: ['IS', 'GS'] },
  { srv: '8.8.2', body: 'UnjoinServiceNonCritical', useCases: ['CS04AC', 'CS04B'], cvs: [1], crit: 'NC', futureDated: false, templates: 2, roles: ['IS', 'GS', 'OU'] },
  { srv: '8.9', body: 'ReadDeviceLog', useCases: ['CCS04', 'CCS05', 'CCS06', 'CCS07', 'CS07'], cvs: [1], crit: 'NC', futureDated: false, templates: 4, roles: ['IS', 'GS'] },
  { srv: '8.11', body: 'UpdateHANDeviceLog', useCases: ['CCS01', 'CCS02'], cvs: [1], crit: 'NC', futureDated: false, templates: 2, roles: ['IS', 'GS'] },
  { srv: '8.12.1', body: 'RestoreHANDeviceLog', useCases: ['CCS03'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['IS', 'GS'] },
  { srv: '8.12.2', body: 'RestoreGPFDeviceLog', useCases: ['GCS59'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['GS'] },
  { srv: '8.13', body: 'ReturnLocalCommandResponse', useCases: [], cvs: [8], crit: 'ND', futureDated: false, templates: 1, roles: ['IS', 'GS', 'ED', 'GT'] },
  { srv: '8.14.1', body: 'CHFInstallSuccessSMWAN', useCases: [], cvs: [8], crit: 'ND', futureDated: false, templates: 1, roles: ['IS', 'GS'] },
  { srv: '8.14.2', body: 'CHFInstallSuccessNoSMWAN', useCases: [], cvs: [8], crit: 'ND', futureDated: false, templates: 1, roles: ['IS', 'GS'] },
  { srv: '8.14.3', body: 'CHFFaultReturn', useCases: [], cvs: [8], crit: 'ND', futureDated: false, templates: 1, roles: ['IS', 'GS'] },
  { srv: '8.14.4', body: 'CHFNoFaultReturn', useCases: [], cvs: [8], crit: 'ND', futureDated: false, templates: 1, roles: ['IS', 'GS'] },
  { srv: '9.1', body: 'RequestCustomerIdentificationNumber', useCases: ['ECS50', 'GCS36'], cvs: [1], crit: 'NC', futureDated: false, templates: 2, roles: ['IS', 'GS'] },
  { srv: '11.1', body: 'UpdateFirmware', useCases: [], cvs: [8], crit: 'ND', futureDated: false, templates: 1, roles: ['IS', 'GS'] },
  { srv: '11.2', body: 'ReadFirmwareVersion', useCases: ['CS08', 'ECS52', 'GCS38'], cvs: [1], crit: 'NC', futureDated: false, templates: 3, roles: ['IS', 'ES', 'GS', 'ED', 'GT'] },
  { srv: '11.3', body: 'ActivateFirmware', useCases: ['CS06'], cvs: [4], crit: 'C', futureDated: true, templates: 3, roles: ['IS', 'GS'] },
  { srv: '11.4', body: 'UpdatePPMIDFirmware', useCases: [], cvs: [8], crit: 'ND', futureDated: false, templates: 1, roles: ['IS', 'GS'] },
  { srv: '12.1', body: 'RequestWANMatrix', useCases: [], cvs: [8], crit: 'ND', futureDated: false, templates: 1, roles: ['IS', 'ES', 'GS', 'ED', 'GT', 'OU'] },
  { srv: '12.2', body: 'DevicePrenotification', useCases: [], cvs: [8], crit: 'ND', futureDated: false, templates: 1, roles: ['IS', 'GS'] },
  { srv: '14.1', body: 'RecordNetworkDataGAS', useCases: ['GCS31'], cvs: [1], crit: 'NC', futureDated: false, templates: 1, roles: ['GT'] },
];

const BY_SRV: ReadonlyMap<string, SrvRow> = new Map(SRV_CATALOGUE.map((row) => [row.srv, row]));

/** The catalogue row of an SRV, undefined for SRVs absent from the templates (dcc.md 4: E2 for every role). */
export function srvRow(srv: string): SrvRow | undefined {
  return BY_SRV.get(srv);
}

/** The ServiceReference of an SRV: its first two levels (dcc.md 3.1). */
export function serviceReferenceOf(srv: string): string {
  return srv.split('.').slice(0, 2).join('.');
}
