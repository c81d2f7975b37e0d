import { Agency } from '../agencies/agency.entity';
import { Area } from '../agencies/area.entity';
import { Partnership } from '../agencies/partnership.entity';
import { ApplicationAnswer } from '../applications/application-answer.entity';
import { Application } from '../applications/application.entity';
import { ApplicationClarification, ApplicationJudgement, ApplicationLotDecision } from '../applications/evaluation.entities';
import { AuditEvent } from '../audit/audit-event.entity';
import { SignInThrottle } from '../auth/sign-in-throttle.entity';
import { BankHoliday } from '../common/calendar/bank-holiday.entity';
import { FrameworkApplicationWindow } from '../frameworks/framework-application-window.entity';
import { FrameworkAgency, FrameworkArea } from '../frameworks/framework-coverage.entity';
import { FrameworkLot } from '../frameworks/framework-lot.entity';
import { Framework } from '../frameworks/framework.entity';
import { MembershipCondition } from '../frameworks/membership-condition.entity';
import { Membership } from '../frameworks/membership.entity';
import { TherapyType } from '../frameworks/therapy-type.entity';
import { Notification } from '../notifications/notification.entity';
import { ComplianceDocument } from '../documents/compliance-document.entity';
import { StoredFile } from '../documents/stored-file.entity';
import { Practitioner } from '../providers/practitioner.entity';
import { ProviderArea } from '../providers/provider-area.entity';
import { ProviderOrganisation } from '../providers/provider-organisation.entity';
import { Bid, BidVersion } from '../bids/bid.entity';
import { Invitation } from '../competitions/invitation.entity';
import { RequirementClarification } from '../competitions/requirement-clarification.entity';
import { Requirement, RequirementCaseDetails } from '../competitions/requirement.entity';
import { FairAccessLimit } from '../funding/fair-access-limit.entity';
import { FundingRecord } from '../funding/funding-record.entity';
import { Award } from '../awards/award.entity';
import { CallOff, CallOffCaseDetails, Contract } from '../awards/contract.entity';
import { Notice } from '../awards/notice.entity';
import { ProcurementThreshold } from '../awards/procurement-threshold.entity';
import { ConflictDeclaration, ConflictDeclarationVersion } from '../conflicts/conflict.entities';
import { LearningLogEntry, ModeratedScore, PanelMeeting, PanelMember, PanelScore, PriceReview, ScoreSubmission } from '../panel/panel.entities';
import { DeliveryReport, FeedbackRequest, FeedbackResponse, OutcomeMeasure, SessionLog } from '../quality/quality.entities';
import { UserToken } from '../users/user-token.entity';
import { User } from '../users/user.entity';
import { RecoveryCode } from '../auth/two-factor/recovery-code.entity';

/** Every entity, in one list, so the app, the CLI and tests agree on the schema. */
import { FirstRunToken } from '../setup/first-run-token.entity';
import { DebarmentEntry } from '../debarment/debarment-entry.entity';
import { Invoice } from '../invoices/invoice.entity';

export const ENTITIES = [
  Partnership,
  Agency,
  Area,
  TherapyType,
  ProviderOrganisation,
  User,
  UserToken,
  FirstRunToken,
  AuditEvent,
  Notification,
  SignInThrottle,
  RecoveryCode,
  Framework,
  FrameworkLot,
  FrameworkArea,
  FrameworkAgency,
  FrameworkApplicationWindow,
  MembershipCondition,
  ProviderArea,
  Practitioner,
  StoredFile,
  ComplianceDocument,
  BankHoliday,
  Application,
  ApplicationAnswer,
  ApplicationJudgement,
  ApplicationClarification,
  ApplicationLotDecision,
  Membership,
  FairAccessLimit,
  Requirement,
  RequirementCaseDetails,
  Invitation,
  RequirementClarification,
  Bid,
  BidVersion,
  PanelMember,
  ConflictDeclaration,
  ConflictDeclarationVersion,
  PanelScore,
  ScoreSubmission,
  ModeratedScore,
  PriceReview,
  PanelMeeting,
  LearningLogEntry,
  Award,
  Contract,
  Notice,
  ProcurementThreshold,
  CallOff,
  CallOffCaseDetails,
  FundingRecord,
  SessionLog,
  DeliveryReport,
  OutcomeMeasure,
  FeedbackRequest,
  FeedbackResponse,
  DebarmentEntry,
  Invoice,
];
