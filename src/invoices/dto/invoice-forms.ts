import { IsNotEmpty, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { DateParts, IsDateParts } from '../../common/forms/date-parts';
import { IsPounds, IsWholeNumber, MaxPounds } from '../../common/forms/number-fields';

export class InvoiceForm {
  @IsNotEmpty({ message: 'Enter the invoice number' })
  @MaxLength(50, { message: 'Invoice number must be 50 characters or fewer' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 /_.-]*$/, { message: 'Invoice number must only include letters, numbers, spaces and / _ . -' })
  invoiceNumber: string;

  @IsDateParts('the invoice date')
  invoiceDate: DateParts;

  @IsDateParts('the start of the period the invoice covers')
  periodStart: DateParts;

  @IsDateParts('the end of the period the invoice covers')
  periodEnd: DateParts;

  @IsWholeNumber(1, 1000, 'Enter the number of sessions invoiced, from 1 to 1,000')
  sessions: string;

  @IsPounds('Enter the amount in pounds, like 450 or 450.50, more than £0')
  @MaxPounds('the amount')
  amount: string;

  @IsOptional()
  @IsUUID('4', { message: 'Select a disputed invoice on this contract, or none' })
  replacesInvoiceId?: string;

  static fieldIds = { invoiceDate: 'invoiceDate-day', periodStart: 'periodStart-day', periodEnd: 'periodEnd-day' };
}

export class DisputeInvoiceForm {
  @IsNotEmpty({ message: 'Enter the reason for disputing the invoice' })
  @MaxLength(2000, { message: 'Reason must be 2,000 characters or fewer' })
  reason: string;
}

export class InvoicePaymentForm {
  @IsDateParts('the date the invoice was paid')
  paidOn: DateParts;

  static fieldIds = { paidOn: 'paidOn-day' };
}
