import { Injectable } from '@nestjs/common';
import { TherapyType } from './therapy-type.entity';
import { TherapyTypeRepository } from './therapy-type.repository';

@Injectable()
export class TherapyTypesService {
  constructor(private readonly therapyTypes: TherapyTypeRepository) {}

  listActive(): Promise<TherapyType[]> {
    return this.therapyTypes.listActive();
  }
}
